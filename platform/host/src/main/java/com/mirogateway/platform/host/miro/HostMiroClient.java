package com.mirogateway.platform.host.miro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mirogateway.platform.api.MiroClient;
import com.mirogateway.platform.api.MiroErrorException;
import com.mirogateway.platform.api.MiroRateLimitedException;
import com.mirogateway.platform.api.MiroRequest;
import com.mirogateway.platform.api.MiroRequest.Priority;
import com.mirogateway.platform.api.MiroResponse;
import com.mirogateway.platform.api.MiroUnavailableException;
import com.mirogateway.platform.api.MiroUnavailableException.Reason;
import com.mirogateway.platform.api.Store;
import com.mirogateway.platform.host.logging.LogContext;
import io.helidon.faulttolerance.Bulkhead;
import io.helidon.faulttolerance.BulkheadException;
import io.helidon.http.Method;
import java.io.IOException;
import java.io.Serial;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The host's {@link MiroClient}: one per gateway, shared by every plugin, created by {@link #create}.
 *
 * <p>A call runs on the caller's thread: bulkhead slot → rate budget (may pause, wait briefly, or refuse) → access
 * token → circuit breaker → one HTTP exchange. Connection errors, timeouts and 5xx answers count against the breaker
 * and are retried for retryable requests with exponential backoff and jitter (a 5xx's {@code Retry-After} is waited
 * for if it is within {@code retry.backoff-cap}, else carried by the exception); a 401 refreshes the token once; a 429
 * blocks every call until Miro's reset. Every exception that means "not before a known time" (an open breaker, a spent
 * budget, a 429, a 5xx with {@code Retry-After}) carries that time, so a job that lets it escape is put off, not
 * failed. {@link #close()} closes the connection pool.
 */
public final class HostMiroClient implements MiroClient, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HostMiroClient.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MIGRATIONS = "com/mirogateway/platform/host/miro/migration";
    /** The owner name of the Miro client's migrations in the store. */
    static final String STORE_OWNER = "host-miro";
    /** The longest {@code Retry-After} on a 5xx answer that is believed; a later one is cut to this. */
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(1);

    private final MiroConfig config;
    private final MiroTransport transport;
    private final AccessTokens tokens;
    private final RateBudget budget;
    private final MiroCircuit circuit;
    private final Bulkhead bulkhead;
    private final Clock clock;

    private HostMiroClient(
            MiroConfig config, MiroTransport transport, AccessTokens tokens, RateBudget budget, Clock clock) {
        this.config = config;
        this.transport = transport;
        this.tokens = tokens;
        this.budget = budget;
        this.clock = clock;
        this.circuit = MiroCircuit.create(
                config.circuitBreaker(), List.of(MiroUnavailableException.class, ServerError.class), clock);
        this.bulkhead = Bulkhead.builder()
                .name("miro")
                .limit(config.bulkhead().limit())
                .queueLength(config.bulkhead().queueLength())
                .build();
    }

    /**
     * Creates the client: applies its store migration, reads its secrets (static token or OAuth) and opens no
     * connection yet.
     *
     * @param config the {@code miro} configuration
     * @param store the host store (for the encrypted OAuth tokens)
     * @param environment the process environment (for secrets named by {@code -env} keys)
     * @param clock the clock expiry and rate limits are measured with
     * @return the client
     * @throws MiroConfigException if OAuth cannot start (no refresh token, unusable encryption key)
     * @throws com.mirogateway.platform.host.security.SecurityConfigException if a secret cannot be read
     */
    public static HostMiroClient create(
            MiroConfig config,
            com.mirogateway.platform.host.store.HostStore store,
            Map<String, String> environment,
            Clock clock) {
        return create(config, store, environment, clock, false);
    }

    /**
     * Creates the client, its rate budget counted in this process or, with {@code sharedBudget}, in one row of the
     * store that every gateway on the same PostgreSQL database takes from.
     *
     * @param config the {@code miro} configuration
     * @param store the host store
     * @param environment the process environment
     * @param clock the clock expiry and rate limits are measured with
     * @param sharedBudget whether the rate budget is the cluster's (PostgreSQL only)
     * @return the client
     */
    public static HostMiroClient create(
            MiroConfig config,
            com.mirogateway.platform.host.store.HostStore store,
            Map<String, String> environment,
            Clock clock,
            boolean sharedBudget) {
        Store owned = store.forOwner(STORE_OWNER, HostMiroClient.class.getClassLoader());
        owned.migrate(MIGRATIONS);
        MiroTransport transport = new MiroTransport(config);
        try {
            AccessTokens tokens;
            if (config.oauth().isPresent()) {
                tokens = OAuthTokens.create(config.oauth().get(), transport, owned, environment, clock);
            } else if (config.accessToken().isConfigured()) {
                tokens = AccessTokens.fixed(
                        config.accessToken().read(environment).orElseThrow().value());
            } else {
                LOG.log(
                        Level.WARNING,
                        "No Miro credentials configured (miro.access-token-env/-file or miro.oauth.*);"
                                + " calls to {0} go without a token",
                        config.baseUri());
                tokens = AccessTokens.NONE;
            }
            LOG.log(Level.INFO, "Miro client for {0} with {1}", config.baseUri(), tokens);
            BudgetLedger ledger = sharedBudget
                    ? new SharedBudgetLedger(store, config.rateLimit().creditsPerMinute())
                    : new LocalBudgetLedger(config.rateLimit().creditsPerMinute(), clock);
            return new HostMiroClient(
                    config, transport, tokens, new RateBudget(config.rateLimit(), clock, ledger), clock);
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    @Override
    public MiroResponse send(MiroRequest request) {
        try {
            return bulkhead.invoke(() -> sendWithRetries(request));
        } catch (BulkheadException e) {
            throw new MiroUnavailableException(
                    Reason.BUSY, null, "Too many calls to Miro are in flight; try again shortly", e);
        }
    }

    private MiroResponse sendWithRetries(MiroRequest request) {
        int attempt = 1;
        boolean refreshed = false;
        boolean waitedFor429 = false;
        while (true) {
            awaitBudget(request);
            Optional<String> token = tokens.current();
            MiroResponse response;
            try {
                response = circuit.call(() -> exchange(request, token));
            } catch (ServerError e) {
                budget.reconcile(e.response);
                Optional<Instant> comeBack = RetryAfter.of(e.response, clock.instant(), LONGEST_RETRY_AFTER);
                if (retry(request, attempt++, comeBack)) {
                    continue;
                }
                throw new MiroUnavailableException(
                        Reason.SERVER_ERROR,
                        comeBack.orElse(null),
                        "Miro answered " + e.response.status() + " " + describe(request)
                                + comeBack.map(at -> "; it asks to come back at " + at)
                                        .orElse(""),
                        e);
            } catch (MiroUnavailableException e) {
                if (e.reason() != Reason.CIRCUIT_OPEN && retry(request, attempt++, Optional.empty())) {
                    continue;
                }
                throw e;
            }
            budget.reconcile(response);
            int status = response.status();
            if (status < 400) {
                return response;
            }
            if (status == 429) {
                Instant until = budget.blockAfter429(response);
                LOG.log(Level.WARNING, "Miro answered 429 to {0}; no calls before {1}", describe(request), until);
                if (!waitedFor429 && request.retryable() && mayWait(request, until)) {
                    waitedFor429 = true;
                    continue; // awaitBudget sleeps until the reset
                }
                throw new MiroRateLimitedException(until, "Miro's rate limit is reached until " + until);
            }
            if (status == 401 && !refreshed && token.isPresent()) {
                refreshed = true;
                if (tokens.afterRejection(token.get()).isPresent()) {
                    continue;
                }
            }
            throw error(response);
        }
    }

    /** Waits while the budget says so (interactive calls, up to {@code max-wait}); throws when it may not wait. */
    private void awaitBudget(MiroRequest request) {
        while (true) {
            RateBudget.Decision decision = budget.reserve(request.priority(), request.credits());
            switch (decision) {
                case RateBudget.Decision.Go go -> {
                    if (!go.pause().isZero()) {
                        sleep(min(go.pause(), config.rateLimit().maxWait()));
                    }
                    return;
                }
                case RateBudget.Decision.Wait wait -> {
                    if (!mayWait(request, wait.until())) {
                        throw new MiroRateLimitedException(
                                wait.until(),
                                (wait.blocked()
                                                ? "Miro answered 429; no calls before "
                                                : "Miro's rate budget is spent" + " until ")
                                        + wait.until());
                    }
                    sleep(Duration.between(clock.instant(), wait.until()));
                }
            }
        }
    }

    private boolean mayWait(MiroRequest request, Instant until) {
        return request.priority() == Priority.INTERACTIVE
                && !Duration.between(clock.instant(), until)
                        .minus(config.rateLimit().maxWait())
                        .isPositive();
    }

    /**
     * Sleeps the backoff before another attempt, if the request may be retried; not before {@code notBefore} (Miro's
     * {@code Retry-After}), and not at all when that lies beyond {@code retry.backoff-cap}: the caller (a job, put off
     * until then) decides instead of a blocked thread.
     */
    private boolean retry(MiroRequest request, int attempt, Optional<Instant> notBefore) {
        if (!request.retryable() || attempt >= config.retry().attempts()) {
            return false;
        }
        Duration base = config.retry().backoffBase().multipliedBy(1L << Math.min(attempt - 1, 20));
        Duration capped = min(base, config.retry().backoffCap());
        Duration wait =
                Duration.ofMillis(ThreadLocalRandom.current().nextLong(capped.toMillis() / 2, capped.toMillis() + 1));
        if (notBefore.isPresent()) {
            Duration asked = Duration.between(clock.instant(), notBefore.get());
            if (asked.compareTo(config.retry().backoffCap()) > 0) {
                return false;
            }
            wait = asked.compareTo(wait) > 0 ? asked : wait;
        }
        sleep(wait);
        return true;
    }

    private MiroResponse exchange(MiroRequest request, Optional<String> token) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        token.ifPresent(t -> headers.put("Authorization", "Bearer " + t));
        LogContext.correlationId().ifPresent(id -> headers.put("X-Request-Id", id));
        byte[] body = null;
        if (request.jsonBody().isPresent()) {
            headers.put("Content-Type", "application/json");
            body = request.jsonBody().get().getBytes(StandardCharsets.UTF_8);
        } else if (!request.method().equals(Method.GET) && !request.method().equals(Method.DELETE)) {
            body = new byte[0];
        }
        MiroResponse response = transport.exchange(request.method(), pathAndQuery(request), headers, body);
        if (response.status() >= 500) {
            throw new ServerError(response);
        }
        return response;
    }

    static String pathAndQuery(MiroRequest request) {
        if (request.query().isEmpty()) {
            return request.rawPath();
        }
        StringBuilder target = new StringBuilder(request.rawPath());
        char separator = '?';
        for (MiroRequest.Param param : request.query()) {
            target.append(separator)
                    .append(MiroRequest.encode(param.name()))
                    .append('=')
                    .append(MiroRequest.encode(param.value()));
            separator = '&';
        }
        return target.toString();
    }

    /** Miro's 4xx answer as an exception carrying Miro's error code and message. */
    static MiroErrorException error(MiroResponse response) {
        String code = "http" + response.status();
        String message = "Miro answered " + response.status();
        try {
            JsonNode json = JSON.readTree(response.text());
            if (json != null && json.isObject()) {
                code = json.path("code").asText(code);
                message = json.path("message").asText(message);
            }
        } catch (IOException e) {
            // not JSON: keep the generic code and message
        }
        return new MiroErrorException(response, code, message);
    }

    private static String describe(MiroRequest request) {
        return request.method().text() + " " + request.rawPath();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MiroUnavailableException(Reason.BUSY, null, "Interrupted while waiting to call Miro", e);
        }
    }

    @Override
    public void close() {
        transport.close();
    }

    /** A 5xx answer, thrown inside the breaker so it counts as a failure. */
    private static final class ServerError extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        private final transient MiroResponse response;

        ServerError(MiroResponse response) {
            super("Miro answered " + response.status(), null, false, false);
            this.response = response;
        }
    }
}
