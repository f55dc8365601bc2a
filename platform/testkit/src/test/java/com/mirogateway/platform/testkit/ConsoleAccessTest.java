package com.mirogateway.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ops console with security off: its settings say so, and like the ops API it answers loopback clients only. */
class ConsoleAccessTest {
    @RegisterExtension
    static TestGateway gateway =
            TestGateway.builder().config("server.host", "0.0.0.0").build();

    @Test
    void withSecurityOffTheConsoleAnswersLoopbackClientsOnly() throws SocketException {
        HttpResponse<String> local = Http.get(gateway.uri("/console/config.json"));
        assertThat(local.statusCode()).as(local.body()).isEqualTo(200);
        assertThat(Json.parse(local.body()).path("signIn").asBoolean()).isFalse();
        assertThat(Json.parse(local.body()).path("issuer").isNull()).isTrue();
        assertThat(local.headers().firstValue("Cache-Control")).hasValue("no-cache");

        Optional<InetAddress> address = siteAddress();
        assumeTrue(address.isPresent(), "no non-loopback IPv4 address on this machine");
        URI remote = URI.create("http://" + address.get().getHostAddress() + ":"
                + gateway.uri("/").getPort() + "/console/config.json");
        HttpResponse<String> denied = Http.get(remote);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(Json.parse(denied.body()).path("detail").asText()).contains("loopback");
    }

    @Test
    void withoutItsFilesTheConsoleSaysWhy() {
        HttpResponse<String> page = Http.get(gateway.uri("/console/"));
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(Json.parse(page.body()).path("detail").asText()).contains("gateway.console-dir");
        HttpResponse<String> bare = Http.get(gateway.uri("/console"));
        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.headers().firstValue("Location")).hasValue("/console/");
    }

    private static Optional<InetAddress> siteAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
    }
}
