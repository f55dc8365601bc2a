package com.mirogateway.plugins.webhooks;

import com.mirogateway.platform.api.Store;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code webhooks_subscriptions} table and the secrets of callback URLs. A secret is 32 random bytes in base64url
 * (43 characters); only its SHA-256 is stored, so the database cannot give a delivery URL away. Thread-safe.
 */
final class SubscriptionStore {
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, miro_id, board_id, secret_hash, status, created_at, checked_at";

    /**
     * One subscription.
     *
     * @param id the gateway's id of it
     * @param miroId Miro's id, once Miro created it
     * @param boardId the board
     * @param secretHash the SHA-256 (hex) of its callback URL's secret
     * @param status {@code pending} until Miro created it, then Miro's status as last seen
     * @param createdAt epoch milliseconds
     * @param checkedAt when Miro's status was last read, epoch milliseconds
     */
    record Subscription(
            String id,
            Optional<String> miroId,
            String boardId,
            String secretHash,
            String status,
            long createdAt,
            Optional<Long> checkedAt) {}

    /**
     * How long a subscription found by its secret is trusted without reading the table again: a subscription deleted
     * through another gateway sharing the database stops receiving on this one after at most this long.
     */
    private static final long KNOWN_FOR_NANOS = TimeUnit.SECONDS.toNanos(10);

    private record Known(Subscription subscription, long loadedAt) {}

    private final Store store;
    /** Subscriptions recently found by secret hash: a delivery costs no read of the table (one per 10 s instead). */
    private final Map<String, Known> bySecretHash = new ConcurrentHashMap<>();

    SubscriptionStore(Store store) {
        this.store = store;
    }

    /** A fresh callback secret. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The subscription whose callback URL carries {@code secret}. The secret is hashed and the hash looked up, then
     * compared in constant time: how long this takes says nothing about how close a guess was.
     */
    Optional<Subscription> findBySecret(String secret) {
        if (!SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        String hash = Delivery.sha256(secret);
        long now = System.nanoTime();
        Known known = bySecretHash.get(hash);
        Optional<Subscription> found = known != null && now - known.loadedAt() < KNOWN_FOR_NANOS
                ? Optional.of(known.subscription())
                : call(db -> db.get("SELECT " + COLUMNS + " FROM webhooks_subscriptions WHERE secret_hash = ?", hash))
                        .map(SubscriptionStore::subscription);
        found.ifPresentOrElse(s -> bySecretHash.put(hash, new Known(s, now)), () -> bySecretHash.remove(hash));
        return found.filter(s -> MessageDigest.isEqual(
                HexFormat.of().parseHex(s.secretHash()), HexFormat.of().parseHex(hash)));
    }

    Optional<Subscription> find(String id) {
        return call(db -> db.get("SELECT " + COLUMNS + " FROM webhooks_subscriptions WHERE id = ?", id))
                .map(SubscriptionStore::subscription);
    }

    List<Subscription> all() {
        return call(db -> {
            try (Stream<DbRow> rows =
                    db.query("SELECT " + COLUMNS + " FROM webhooks_subscriptions ORDER BY created_at, id")) {
                return rows.map(SubscriptionStore::subscription).toList();
            }
        });
    }

    /** Records a subscription before Miro is asked, so the challenge Miro sends while creating it finds it. */
    void insertPending(String id, String boardId, String secret, long now) {
        call(db -> db.insert(
                "INSERT INTO webhooks_subscriptions (id, board_id, secret_hash, status, created_at)"
                        + " VALUES (?, ?, ?, 'pending', ?)",
                id,
                boardId,
                Delivery.sha256(secret),
                now));
    }

    /** Records what Miro answered: its id and the status. */
    void created(String id, String miroId, String status, long now) {
        call(db -> db.dml(
                "UPDATE webhooks_subscriptions SET miro_id = ?, status = ?, checked_at = ? WHERE id = ?",
                miroId,
                status,
                now,
                id));
    }

    void status(String id, String status, long now) {
        call(db ->
                db.dml("UPDATE webhooks_subscriptions SET status = ?, checked_at = ? WHERE id = ?", status, now, id));
    }

    boolean delete(String id) {
        bySecretHash.values().removeIf(known -> known.subscription().id().equals(id));
        return call(db -> db.dml("DELETE FROM webhooks_subscriptions WHERE id = ?", id)) > 0;
    }

    private static Subscription subscription(DbRow row) {
        return new Subscription(
                Sql.text(row, "id"),
                Optional.ofNullable(Sql.text(row, "miro_id")),
                Sql.text(row, "board_id"),
                Sql.text(row, "secret_hash"),
                Sql.text(row, "status"),
                Sql.number(row, "created_at"),
                Sql.optionalNumber(row, "checked_at"));
    }

    private <T> T call(Function<DbExecute, T> statement) {
        return Sql.call(store, "webhooks_subscriptions", statement);
    }
}
