package com.mirogateway.platform.host.http;

import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserverConfigBase;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.observe.spi.Observer;
import io.helidon.webserver.spi.ServerFeature;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Helidon's metrics observer, {@code /observe/metrics} with every format and selection it serves, without the filter it
 * puts in front of every request to count it ({@code requests.count}, Helidon's "key performance indicator") and
 * without that counter. The host counts and times what it routes itself ({@code gateway.requests}, {@link
 * RouteMetrics}); that filter's context look-ups and counter cost about 4 % of the CPU of a proxied request or a cache
 * hit (bench/README.md, issue 17).
 *
 * <p>The observer sets its endpoint up through an {@link HttpFeature} it adds to the routing; that feature is set up
 * here on a view of the routing that drops filters and passes everything else on. Should a later Helidon add its
 * filter another way, the filter simply comes back.
 */
public final class MetricsEndpoint implements Observer {
    private static final String KPI_PREFIX = "requests.";

    private final MetricsObserver metrics = MetricsObserver.create();

    private MetricsEndpoint() {}

    /**
     * The metrics observer to give Helidon's {@code ObserveFeature}.
     *
     * @return the observer
     */
    public static Observer create() {
        return new MetricsEndpoint();
    }

    @Override
    public ObserverConfigBase prototype() {
        return metrics.prototype();
    }

    @Override
    public String type() {
        return metrics.type();
    }

    @Override
    public String name() {
        return metrics.name();
    }

    @Override
    public void register(
            ServerFeature.ServerFeatureContext context,
            List<HttpRouting.Builder> routings,
            UnaryOperator<String> endpoint) {
        metrics.register(
                context,
                routings.stream().map(MetricsEndpoint::featuresWithoutFilters).toList(),
                endpoint);
    }

    /** {@code routing}, except that the features added to it are set up on a view that ignores their filters. */
    private static HttpRouting.Builder featuresWithoutFilters(HttpRouting.Builder routing) {
        return forwarding(routing, "addFeature", args -> {
            if (args[0] instanceof HttpFeature feature) {
                routing.addFeature(new FilterlessFeature(feature));
                return true;
            }
            return false; // the Supplier overload: not what the observer adds
        });
    }

    /** {@code routing}, except that filters added to it are ignored. */
    private static HttpRouting.Builder withoutFilters(HttpRouting.Builder routing) {
        return forwarding(routing, "addFilter", args -> true);
    }

    /**
     * A routing that passes every call on to {@code routing}, except calls of the method named {@code intercepted}
     * that {@code handled} takes care of itself (it returns true).
     */
    private static HttpRouting.Builder forwarding(
            HttpRouting.Builder routing, String intercepted, Predicate<Object[]> handled) {
        return (HttpRouting.Builder) Proxy.newProxyInstance(
                HttpRouting.Builder.class.getClassLoader(),
                new Class<?>[] {HttpRouting.Builder.class},
                (proxy, method, args) -> {
                    if (method.getName().equals(intercepted) && handled.test(args)) {
                        return proxy;
                    }
                    Object result = invoke(method, routing, args);
                    return result == routing ? proxy : result;
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A feature set up on a routing that ignores the filters it adds; its lifecycle is the feature's own. */
    private record FilterlessFeature(HttpFeature feature) implements HttpFeature {
        @Override
        public void setup(HttpRouting.Builder routing) {
            feature.setup(withoutFilters(routing));
            // The counters that filter would have kept (requests.count, and more when extended) would stay at zero.
            MeterRegistry registry = Services.get(MeterRegistry.class);
            registry.meters(meter -> meter.id().name().startsWith(KPI_PREFIX)
                            && meter.scope().orElse("").equals(Meter.Scope.VENDOR))
                    .forEach(registry::remove);
        }

        @Override
        public String socket() {
            return feature.socket();
        }

        @Override
        public boolean socketRequired() {
            return feature.socketRequired();
        }

        @Override
        public void beforeStart() {
            feature.beforeStart();
        }

        @Override
        public void afterStart(WebServer webServer) {
            feature.afterStart(webServer);
        }

        @Override
        public void afterStop() {
            feature.afterStop();
        }
    }
}
