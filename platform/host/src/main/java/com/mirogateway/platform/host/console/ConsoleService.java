package com.mirogateway.platform.host.console;

import com.mirogateway.platform.api.ProblemException;
import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.staticcontent.FileSystemHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code /console}: the ops console's files (HTML, CSS and JavaScript modules from the distribution's {@code console/}
 * folder, no build step) and {@code GET /console/config.json}.
 *
 * <p>The files are public like {@code /static} (they hold no data; the data comes from the ops API with the signed-in
 * user's bearer token), except that with security off only loopback clients get them, as with the ops API. Every
 * response carries a Content-Security-Policy that lets the page load only its own files and talk only to the gateway
 * and the issuer, and {@code Cache-Control: no-cache} so an upgrade is seen at once (ETags keep revalidation cheap).
 */
public final class ConsoleService implements HttpService {
    private static final System.Logger LOG = System.getLogger(ConsoleService.class.getName());
    private static final String ROOT = "/console";

    private final Path folder;
    private final boolean loopbackOnly;
    private final ConsoleSettings settings;
    private final String contentSecurityPolicy;

    private ConsoleService(Path folder, boolean loopbackOnly, ConsoleSettings settings) {
        this.folder = folder;
        this.loopbackOnly = loopbackOnly;
        this.settings = settings;
        String issuerOrigin = Optional.ofNullable(settings.issuer())
                .map(URI::create)
                .map(uri -> " " + uri.getScheme() + "://" + uri.getRawAuthority())
                .orElse("");
        this.contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src 'self'" + issuerOrigin + "; base-uri 'none'; form-action 'none';"
                + " frame-ancestors 'none'";
    }

    /**
     * Creates the service.
     *
     * @param config the whole configuration ({@code security.console.*}, {@code security.roles-claim} and {@code
     *     security.ops-role} are read)
     * @param folder the console's files ({@code gateway.console-dir}); a missing folder answers 404 with a reason
     * @param issuer the OIDC issuer with security on, empty with security off
     * @param loopbackOnly whether only loopback clients get the console (as for the ops API)
     * @return the service
     */
    public static ConsoleService create(Config config, Path folder, Optional<URI> issuer, boolean loopbackOnly) {
        Config console = config.get("security.console");
        String clientId =
                console.get("client-id").asString().filter(s -> !s.isBlank()).orElse(null);
        if (issuer.isPresent() && clientId == null) {
            LOG.log(
                    Level.WARNING,
                    "security.console.client-id is not set: the ops console cannot sign in. Register a public client"
                            + " (authorization code with PKCE, redirect URI <gateway>/console/) at the issuer and set"
                            + " GATEWAY_SECURITY_CONSOLE_CLIENT_ID");
        }
        ConsoleSettings settings = new ConsoleSettings(
                version(),
                issuer.isPresent(),
                issuer.map(URI::toString).orElse(null),
                clientId,
                console.get("scope").asString().orElse("openid"),
                config.get("security.roles-claim").asString().orElse("roles"),
                config.get("security.ops-role").asString().orElse("ops"));
        return new ConsoleService(folder, loopbackOnly, settings);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any(this::guard).get("/config.json", (req, res) -> res.send(settings));
        if (Files.isDirectory(folder)) {
            rules.register(StaticContentFeature.createService(FileSystemHandlerConfig.builder()
                    .location(folder)
                    .welcome("index.html")
                    .build()));
        } else {
            LOG.log(Level.WARNING, "No ops console: {0} is not a folder (gateway.console-dir)", folder);
            rules.get((req, res) -> {
                throw new ProblemException(
                        Status.NOT_FOUND_404,
                        "console-not-installed",
                        "The ops console's files are not installed (gateway.console-dir: " + folder + ")");
            });
        }
    }

    private void guard(ServerRequest req, ServerResponse res) {
        if (loopbackOnly
                && !(req.remotePeer().address() instanceof InetSocketAddress address
                        && address.getAddress().isLoopbackAddress())) {
            throw new ProblemException(
                    Status.FORBIDDEN_403,
                    "forbidden",
                    "With security off the ops console only answers loopback clients, like the ops API");
        }
        if (req.prologue().uriPath().path().equals(ROOT)) { // relative module paths need the trailing slash
            res.status(Status.MOVED_PERMANENTLY_301)
                    .header(HeaderNames.LOCATION, ROOT + "/")
                    .send();
            return;
        }
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header("Content-Security-Policy", contentSecurityPolicy);
        res.header("Referrer-Policy", "no-referrer");
        res.next();
    }

    /** The host's version from its jar's Maven properties; {@code development} when run from classes. */
    private static String version() {
        try (InputStream in = ConsoleService.class.getResourceAsStream(
                "/META-INF/maven/com.mirogateway/platform-host/pom.properties")) {
            if (in == null) {
                return "development";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "development");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
