package com.mirogateway.platform.host.store;

import com.mirogateway.platform.api.Store;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import java.util.function.Function;

/** One plugin's view of the {@link HostStore}: everything shared, except whose migrations {@link #migrate} runs. */
record OwnedStore(HostStore host, String owner, ClassLoader classLoader) implements Store {
    @Override
    public DbClient db() {
        return host.db();
    }

    @Override
    public Dialect dialect() {
        return host.dialect();
    }

    @Override
    public <T> T transaction(Function<DbExecute, T> work) {
        return host.transaction(work);
    }

    @Override
    public <T> T groupCommit(Function<DbExecute, T> work) {
        return host.groupCommit(work);
    }

    @Override
    public void migrate(String location) {
        host.migrate(owner, classLoader, location);
    }
}
