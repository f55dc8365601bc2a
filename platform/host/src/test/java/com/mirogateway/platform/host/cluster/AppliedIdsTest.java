package com.mirogateway.platform.host.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Change ids seen out of commit order: a hole is held open, then passed over once it is taken for a rollback. */
class AppliedIdsTest {
    @Test
    void idsAreAppliedOnceAndTheFloorFollowsThemWithoutHoles() {
        AppliedIds ids = new AppliedIds(10, 30_000);

        assertThat(ids.add(11)).isTrue();
        assertThat(ids.add(12)).isTrue();
        ids.settle(0);

        assertThat(ids.floor()).isEqualTo(12);
        assertThat(ids.add(12)).as("applied before").isFalse();
        assertThat(ids.add(9)).as("below the floor").isFalse();
    }

    @Test
    void aHoleWaitsForItsTransactionThenIsPassedOverAfterTheGapTimeout() {
        AppliedIds ids = new AppliedIds(0, 30_000);
        ids.add(1);
        ids.add(3); // 2 not committed yet
        ids.settle(1_000);
        assertThat(ids.floor()).isEqualTo(1);

        ids.settle(20_000);
        assertThat(ids.floor()).as("still waiting for 2").isEqualTo(1);
        assertThat(ids.add(3)).isFalse();

        ids.settle(31_000);
        assertThat(ids.floor()).as("2 rolled back").isEqualTo(3);
    }

    @Test
    void aLateCommitInsideTheHoleIsStillApplied() {
        AppliedIds ids = new AppliedIds(0, 30_000);
        ids.add(1);
        ids.add(3);
        ids.settle(1_000);

        assertThat(ids.add(2)).isTrue();
        ids.settle(2_000);

        assertThat(ids.floor()).isEqualTo(3);
    }
}
