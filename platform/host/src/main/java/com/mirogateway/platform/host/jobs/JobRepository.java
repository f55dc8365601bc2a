package com.mirogateway.platform.host.jobs;

import com.mirogateway.platform.api.JobRequest;
import com.mirogateway.platform.api.Store;
import com.mirogateway.platform.api.Store.Dialect;
import com.mirogateway.platform.api.StoreException;
import com.mirogateway.platform.host.store.HostStore;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Every statement on {@code gateway_jobs}. Each transition of a running job is fenced: it only applies while the job is
 * still {@code running}, leased by the caller and at the caller's attempt; a {@code false} result means the lease was
 * lost and the caller's outcome must be dropped. Times come from the database clock ({@link HostStore#nowMillis()}).
 */
final class JobRepository {
    private static final String VIEW_COLUMNS =
            "id, type, state, attempt, max_attempts, created_at, run_at, started_at, finished_at, last_error";
    /** What a claim returns, in the order {@link #claimed(ResultSet)} reads. */
    private static final String CLAIMED_COLUMNS =
            "id, type, payload, attempt, max_attempts, snoozes, correlation_id, run_at, started_at";

    private static final String FENCE = " WHERE id = ? AND state = 'running' AND lease_owner = ? AND attempt = ?";

    private final HostStore store;
    private final String now;

    JobRepository(HostStore store) {
        this.store = store;
        this.now = store.nowMillis();
    }

    /** Inserts a job, or finds the one holding the same idempotency key; returns its id. */
    String enqueue(JobRequest request, int defaultMaxAttempts, Optional<String> correlationId) {
        return call(db -> enqueue(db, request, defaultMaxAttempts, correlationId));
    }

    /** As {@link #enqueue(JobRequest, int, Optional)}, with the statements run on {@code db} (a transaction). */
    String enqueue(DbExecute db, JobRequest request, int defaultMaxAttempts, Optional<String> correlationId) {
        String id = Store.timeOrderedId();
        String runAt =
                request.runAt().map(at -> Long.toString(at.toEpochMilli())).orElse(now);
        String sql = "INSERT INTO gateway_jobs (id, type, payload, state, attempt, max_attempts, run_at, created_at,"
                + " idempotency_key, correlation_id) VALUES (?, ?, ?, 'queued', 0, ?, " + runAt + ", " + now + ", ?, ?)"
                + " ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING";
        try {
            long inserted = db.insert(
                    sql,
                    id,
                    request.type(),
                    request.payloadJson(),
                    request.maxAttempts().orElse(defaultMaxAttempts),
                    request.idempotencyKey().orElse(null),
                    correlationId.orElse(null));
            if (inserted == 1) {
                return id;
            }
            String key =
                    request.idempotencyKey().orElseThrow(() -> new StoreException("The job was not inserted", null));
            return db.get("SELECT id FROM gateway_jobs WHERE idempotency_key = ?", key)
                    .map(row -> Rows.text(row, "id"))
                    .orElseThrow(() -> new StoreException("The job with idempotency key " + key + " vanished", null));
        } catch (DbClientException e) {
            throw new StoreException("Job store: " + e.getMessage(), e);
        }
    }

    /**
     * Claims up to {@code limit} due jobs of the given types in one statement: they become {@code running}, leased to
     * {@code owner} for {@code leaseMillis}, with their attempt counted. Oldest run time first.
     */
    List<ClaimedJob> claim(String owner, Collection<String> types, int limit, long leaseMillis) {
        if (types.isEmpty() || limit < 1) {
            return List.of();
        }
        boolean sqlite = store.dialect() == Dialect.SQLITE;
        // SQLite would otherwise pick gateway_jobs_by_state (state, type) and sort every waiting job for each claim:
        // with 30,000 jobs waiting that is 6 ms per claim instead of 5 us (see docs/decisions.md). On PostgreSQL the
        // types are one array parameter, so the statement text never changes and stays prepared on each connection.
        String due = "SELECT id FROM " + (sqlite ? "gateway_jobs INDEXED BY gateway_jobs_ready" : "gateway_jobs")
                + " WHERE state IN ('queued', 'failed') AND run_at <= " + now + " AND type"
                + (sqlite ? " IN (" + String.join(", ", Collections.nCopies(types.size(), "?")) + ")" : " = ANY (?)")
                + " ORDER BY run_at, created_at LIMIT ?";
        String set = " SET state = 'running', attempt = attempt + 1, lease_owner = ?, lease_expires_at = " + now
                + " + ?, started_at = " + now;
        String sql = sqlite
                ? "UPDATE gateway_jobs" + set + " WHERE id IN (" + due + ") RETURNING " + CLAIMED_COLUMNS
                : "WITH next AS MATERIALIZED (" + due + " FOR UPDATE SKIP LOCKED) UPDATE gateway_jobs" + set
                        + " FROM next WHERE gateway_jobs.id = next.id RETURNING "
                        + CLAIMED_COLUMNS.replaceAll("(\\w+)", "gateway_jobs.$1");
        List<ClaimedJob> claimed = jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                // Parameters in text order: SQLite's SET comes before its sub-select, PostgreSQL's CTE before its SET.
                int i = 1;
                if (sqlite) {
                    statement.setString(i++, owner);
                    statement.setLong(i++, leaseMillis);
                    for (String type : types) {
                        statement.setString(i++, type);
                    }
                    statement.setInt(i, limit);
                } else {
                    statement.setArray(i++, connection.createArrayOf("varchar", types.toArray()));
                    statement.setInt(i++, limit);
                    statement.setString(i++, owner);
                    statement.setLong(i, leaseMillis);
                }
                List<ClaimedJob> jobs = new ArrayList<>(limit);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        jobs.add(claimed(rows));
                    }
                }
                return jobs;
            }
        });
        claimed.sort(Comparator.comparingLong(ClaimedJob::runAtMillis)); // RETURNING order is unspecified
        return claimed;
    }

    /**
     * Completes several jobs of {@code owner} in one statement, each fenced by its attempt; returns the ids written
     * (a missing id lost its lease). On PostgreSQL the jobs are two array parameters joined as a table, one statement
     * text for every batch size (prepared once per connection); SQLite gets one condition per job.
     */
    Set<String> completeAll(List<ClaimedJob> jobs, String owner) {
        boolean sqlite = store.dialect() == Dialect.SQLITE;
        String set = "UPDATE gateway_jobs SET state = 'succeeded', finished_at = " + now
                + ", lease_owner = NULL, lease_expires_at = NULL";
        String sql = sqlite
                ? set + " WHERE state = 'running' AND lease_owner = ? AND ("
                        + String.join(" OR ", Collections.nCopies(jobs.size(), "(id = ? AND attempt = ?)"))
                        + ") RETURNING id"
                : set + " FROM unnest(?::varchar[], ?::int[]) AS done (id, attempt) WHERE gateway_jobs.id = done.id"
                        + " AND gateway_jobs.attempt = done.attempt AND state = 'running' AND lease_owner = ?"
                        + " RETURNING gateway_jobs.id";
        return jdbc(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                if (sqlite) {
                    int i = 1;
                    statement.setString(i++, owner);
                    for (ClaimedJob job : jobs) {
                        statement.setString(i++, job.id());
                        statement.setInt(i++, job.attempt());
                    }
                } else {
                    statement.setArray(
                            1,
                            connection.createArrayOf(
                                    "varchar", jobs.stream().map(ClaimedJob::id).toArray()));
                    statement.setArray(
                            2,
                            connection.createArrayOf(
                                    "int4",
                                    jobs.stream().map(ClaimedJob::attempt).toArray()));
                    statement.setString(3, owner);
                }
                Set<String> written = new HashSet<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        written.add(rows.getString(1));
                    }
                }
                return written;
            }
        });
    }

    /** A failed attempt: {@code failed} due after {@code delayMillis}, or {@code dead} when {@code dead}. */
    boolean fail(ClaimedJob job, String owner, String error, boolean dead, long delayMillis) {
        String sql = dead
                ? "UPDATE gateway_jobs SET state = 'dead', finished_at = " + now + ", last_error = ?,"
                        + " lease_owner = NULL, lease_expires_at = NULL" + FENCE
                : "UPDATE gateway_jobs SET state = 'failed', run_at = " + now + " + " + delayMillis
                        + ", last_error = ?, lease_owner = NULL, lease_expires_at = NULL" + FENCE;
        return call(db -> db.update(sql, error, job.id(), owner, job.attempt())) == 1;
    }

    /** Put off without spending the attempt. */
    boolean snooze(ClaimedJob job, String owner, long runAtMillis, String reason) {
        return call(db -> db.update(
                        "UPDATE gateway_jobs SET state = 'queued', attempt = attempt - 1, snoozes = snoozes + 1,"
                                + " run_at = ?, last_error = ?, lease_owner = NULL, lease_expires_at = NULL" + FENCE,
                        runAtMillis,
                        reason,
                        job.id(),
                        owner,
                        job.attempt()))
                == 1;
    }

    /** Gives an unfinished job back (shutdown, plugin gone) without spending the attempt. */
    boolean release(ClaimedJob job, String owner) {
        return fenced(
                "UPDATE gateway_jobs SET state = 'queued', attempt = attempt - 1, lease_owner = NULL,"
                        + " lease_expires_at = NULL" + FENCE,
                job,
                owner);
    }

    /** Extends the leases of all of {@code owner}'s running jobs in one statement; returns how many. */
    long renew(String owner, long leaseMillis) {
        return call(db -> db.update(
                "UPDATE gateway_jobs SET lease_expires_at = " + now
                        + " + ? WHERE lease_owner = ? AND state = 'running'",
                leaseMillis,
                owner));
    }

    /** Running jobs whose lease expired: their worker died or lost the database. */
    List<ClaimedJob> expired(int limit) {
        return call(db -> {
            try (Stream<DbRow> rows = db.query(
                    "SELECT " + CLAIMED_COLUMNS + " FROM gateway_jobs WHERE state = 'running' AND lease_expires_at < "
                            + now + " LIMIT ?",
                    limit)) {
                return rows.map(JobRepository::claimed).toList();
            }
        });
    }

    /** Takes back one expired job, only if it is still expired at the attempt seen. */
    boolean reap(ClaimedJob job, boolean dead, long delayMillis) {
        String target = dead
                ? "state = 'dead', finished_at = " + now
                : "state = 'failed', run_at = " + now + " + " + delayMillis;
        return call(db -> db.update(
                        "UPDATE gateway_jobs SET " + target + ", last_error = 'lease expired: the worker stopped"
                                + " renewing it', lease_owner = NULL, lease_expires_at = NULL WHERE id = ?"
                                + " AND state = 'running' AND attempt = ? AND lease_expires_at < " + now,
                        job.id(),
                        job.attempt()))
                == 1;
    }

    Optional<JobView> find(String id) {
        return call(db -> db.get("SELECT " + VIEW_COLUMNS + " FROM gateway_jobs WHERE id = ?", id))
                .map(JobRepository::view);
    }

    /** One page in (created_at, id) order, after the cursor position. */
    List<JobView> page(Optional<JobState> state, Optional<String> type, int limit, Optional<JobCursor> after) {
        StringBuilder sql = new StringBuilder("SELECT " + VIEW_COLUMNS + " FROM gateway_jobs WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        state.ifPresent(s -> {
            sql.append(" AND state = ?");
            params.add(s.dbName());
        });
        type.ifPresent(t -> {
            sql.append(" AND type = ?");
            params.add(t);
        });
        after.ifPresent(c -> {
            sql.append(" AND (created_at > ? OR (created_at = ? AND id > ?))");
            params.add(c.createdAt());
            params.add(c.createdAt());
            params.add(c.id());
        });
        sql.append(" ORDER BY created_at, id LIMIT ?");
        params.add(limit);
        return call(db -> {
            try (Stream<DbRow> rows = db.query(sql.toString(), params.toArray())) {
                return rows.map(JobRepository::view).toList();
            }
        });
    }

    /** Ops retry: a dead or failed job is queued now with its attempts reset. */
    boolean retry(String id) {
        return call(db -> db.update(
                        "UPDATE gateway_jobs SET state = 'queued', attempt = 0, snoozes = 0, run_at = " + now
                                + ", finished_at = NULL WHERE id = ? AND state IN ('dead', 'failed')",
                        id))
                == 1;
    }

    /** Ops delete: any job that is not running. */
    boolean delete(String id) {
        return call(db -> db.delete("DELETE FROM gateway_jobs WHERE id = ? AND state <> 'running'", id)) == 1;
    }

    /**
     * Ops bulk retry: every job in {@code state} (dead or failed), of {@code type} if given, queued now with its
     * attempts reset, in one statement; returns how many.
     */
    long retryAll(JobState state, Optional<String> type) {
        String sql = "UPDATE gateway_jobs SET state = 'queued', attempt = 0, snoozes = 0, run_at = " + now
                + ", finished_at = NULL WHERE state = ?" + (type.isPresent() ? " AND type = ?" : "");
        return call(db -> db.update(sql, filter(state, type)));
    }

    /** Ops bulk delete: every job in {@code state} (never running), of {@code type} if given; returns how many. */
    long deleteAll(JobState state, Optional<String> type) {
        String sql = "DELETE FROM gateway_jobs WHERE state = ? AND state <> 'running'"
                + (type.isPresent() ? " AND type = ?" : "");
        return call(db -> db.delete(sql, filter(state, type)));
    }

    private static Object[] filter(JobState state, Optional<String> type) {
        return type.isPresent() ? new Object[] {state.dbName(), type.get()} : new Object[] {state.dbName()};
    }

    /** Deletes succeeded jobs finished longer than {@code retentionMillis} ago. */
    long prune(long retentionMillis) {
        return call(db -> db.delete(
                "DELETE FROM gateway_jobs WHERE state = 'succeeded' AND finished_at < " + now + " - ?",
                retentionMillis));
    }

    /** Job counts by state and type. */
    List<Count> counts() {
        return call(db -> {
            try (Stream<DbRow> rows =
                    db.query("SELECT state, type, COUNT(*) AS n FROM gateway_jobs GROUP BY state, type")) {
                return rows.map(row ->
                                new Count(Rows.text(row, "state"), Rows.text(row, "type"), Rows.number(row, "n")))
                        .toList();
            }
        });
    }

    record Count(String state, String type, long count) {}

    /**
     * Refreshes PostgreSQL's statistics of the table, so that its planner claims through the ready-jobs index: with
     * statistics from an emptier table it sorts every waiting job for each claim (65 ms with 30,000 waiting, against
     * 0.2 ms). SQLite names its index in the claim and needs nothing.
     */
    void analyze() {
        if (store.dialect() == Dialect.POSTGRESQL) {
            call(db -> db.dml("ANALYZE gateway_jobs"));
        }
    }

    private boolean fenced(String sql, ClaimedJob job, String owner) {
        return call(db -> db.update(sql, job.id(), owner, job.attempt())) == 1;
    }

    private <T> T jdbc(HostStore.JdbcWork<T> statements) {
        try {
            return store.withConnection(statements);
        } catch (StoreException e) {
            throw new StoreException("Job store: " + e.getMessage(), e);
        }
    }

    private <T> T call(Function<DbExecute, T> statement) {
        try {
            return statement.apply(store.db().execute());
        } catch (DbClientException e) {
            throw new StoreException("Job store: " + e.getMessage(), e);
        }
    }

    private static ClaimedJob claimed(ResultSet row) throws SQLException {
        String correlationId = row.getString(7);
        return new ClaimedJob(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getInt(4),
                row.getInt(5),
                row.getInt(6),
                Optional.ofNullable(correlationId),
                row.getLong(8),
                row.getLong(9));
    }

    private static ClaimedJob claimed(DbRow row) {
        return new ClaimedJob(
                Rows.text(row, "id"),
                Rows.text(row, "type"),
                Rows.text(row, "payload"),
                (int) Rows.number(row, "attempt"),
                (int) Rows.number(row, "max_attempts"),
                (int) Rows.number(row, "snoozes"),
                Rows.optionalText(row, "correlation_id"),
                Rows.number(row, "run_at"),
                Rows.number(row, "started_at"));
    }

    private static JobView view(DbRow row) {
        return new JobView(
                Rows.text(row, "id"),
                Rows.text(row, "type"),
                JobState.parse(Rows.text(row, "state")).orElseThrow(),
                (int) Rows.number(row, "attempt"),
                (int) Rows.number(row, "max_attempts"),
                java.time.Instant.ofEpochMilli(Rows.number(row, "created_at")),
                java.time.Instant.ofEpochMilli(Rows.number(row, "run_at")),
                Rows.optionalInstant(row, "started_at"),
                Rows.optionalInstant(row, "finished_at"),
                Rows.optionalText(row, "last_error"));
    }
}
