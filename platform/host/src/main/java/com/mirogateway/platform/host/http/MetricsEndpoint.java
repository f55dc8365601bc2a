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
                context, routings.stream().map(routing -> view(routing, false)).toList(), endpoint);
    }

    /**
     * A routing that passes every call on to {@code routing}, except: with {@code dropFilters}, added filters are
     * ignored; without, added features are set up on such a filter-dropping view.
     */
    private static HttpRouting.Builder view(HttpRouting.Builder routing, boolean dropFilters) {
        return (HttpRouting.Builder) Proxy.newProxyInstance(
                HttpRouting.Builder.class.getClassLoader(),
                new Class<?>[] {HttpRouting.Builder.class},
                (proxy, method, args) -> {
                    if (dropFilters && method.getName().equals("addFilter")) {
                        return proxy;
                    }
                    if (!dropFilters
                            && method.getName().equals("addFeature")
                            && args[0] instanceof HttpFeature feature) {
                        routing.addFeature(new FilterlessFeature(feature));
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
            feature.setup(view(routing, true));
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
