package com.mirogateway.platform.host;

import com.mirogateway.platform.host.config.EnvironmentVariableException;
import com.mirogateway.platform.host.config.GatewayConfig;
import io.helidon.config.Config;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of {@code bin/gateway}: loads {@code <home>/conf/application.yaml} and the other configuration layers,
 * starts the gateway and stops it gracefully on SIGTERM/SIGINT. {@code <home>} is the {@code gateway.home} system
 * property (set by {@code bin/gateway}), else the working directory. If the gateway cannot start (bad configuration,
 * port taken) it logs why and exits with status 1; a {@code GATEWAY_*} variable that names no usable key is logged as
 * one line naming the variable and the key, without a stack trace.
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
        Gateway gateway;
        try {
            Config config = GatewayConfig.load(home.resolve("conf/application.yaml"), System.getenv(), Map.of());
            gateway = Gateway.start(config, home);
        } catch (EnvironmentVariableException e) {
            // the operator's mistake, fully described by the message: one line, no stack trace
            System.getLogger(Main.class.getName()).log(Level.ERROR, "Gateway failed to start: " + e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            System.getLogger(Main.class.getName()).log(Level.ERROR, "Gateway failed to start: " + e.getMessage(), e);
            System.exit(1); // Helidon and PF4J may have left non-daemon threads behind
            return;
        }
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
