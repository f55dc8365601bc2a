package com.mirogateway.platform.host;

import com.mirogateway.platform.host.config.GatewayConfig;
import io.helidon.config.Config;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of {@code bin/gateway}: loads {@code <home>/conf/application.yaml} and the other configuration layers,
 * starts the gateway and stops it gracefully on SIGTERM/SIGINT. {@code <home>} is the {@code gateway.home} system
 * property (set by {@code bin/gateway}), else the working directory.
 */
public final class Main {
    private Main() {}

    /**
     * Starts the gateway and blocks until the JVM is asked to stop.
     *
     * @param args ignored
     * @throws InterruptedException if the main thread is interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        Path home = Path.of(System.getProperty("gateway.home", ".")).toAbsolutePath();
        Config config = GatewayConfig.load(home.resolve("conf/application.yaml"), System.getenv(), Map.of());
        Gateway gateway = Gateway.start(config, home);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            gateway.close();
                            stopped.countDown();
                        },
                        "gateway-shutdown"));
        stopped.await();
    }
}
