package com.mirogateway.platform.host.admin;

import com.mirogateway.platform.api.Caller;
import com.mirogateway.platform.api.ProblemException;
import com.mirogateway.platform.host.audit.AuditEntry;
import com.mirogateway.platform.host.audit.AuditLog;
import com.mirogateway.platform.host.plugins.ArchiveRejectedException;
import com.mirogateway.platform.host.plugins.Installation;
import com.mirogateway.platform.host.plugins.LifecycleConflictException;
import com.mirogateway.platform.host.plugins.PluginHost;
import com.mirogateway.platform.host.plugins.PluginInstaller;
import com.mirogateway.platform.host.plugins.PluginRuntime;
import com.mirogateway.platform.host.plugins.PluginStartException;
import io.helidon.common.media.type.MediaType;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The live plugin lifecycle under {@code /admin/plugins}: {@code PUT /{id}} (install or upgrade from the archive in the
 * body), {@code POST /{id}/rollback} and {@code DELETE /{id}}. Every attempt, refused or not, is audited.
 *
 * <p>Statuses: 201 for a new plugin, 200 for an upgrade or rollback, 204 for a removal; 400 for a missing or wrong
 * {@code Content-Digest} or a {@code plugin.id} other than {@code {id}}; 415 for another content type; 422 for an
 * archive that is no plugin, needs another platform, bundles platform classes or fails the signature check; 409 for a
 * version that does not start (the old one runs on) or an operation that does not fit; 404 for an unknown id.
 */
final class PluginLifecycleService implements HttpService {
    private static final HeaderName CONTENT_DIGEST = HeaderNames.create("Content-Digest");
    private static final Set<String> ARCHIVE_TYPES =
            Set.of("application/java-archive", "application/zip", "application/x-zip-compressed");

    private final PluginHost plugins;
    private final PluginInstaller installer;
    private final AuditLog audit;

    PluginLifecycleService(PluginHost plugins, PluginInstaller installer, AuditLog audit) {
        this.plugins = plugins;
        this.installer = installer;
        this.audit = audit;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.put("/{id}", this::install).post("/{id}/rollback", this::rollback).delete("/{id}", this::remove);
    }

    private void install(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        String type = req.headers().contentType().map(MediaType::text).orElse("");
        if (!ARCHIVE_TYPES.contains(type)) {
            throw refused(
                    req,
                    "install",
                    id,
                    null,
                    new ProblemException(
                            Status.UNSUPPORTED_MEDIA_TYPE_415,
                            "unsupported-media-type",
                            "Upload the plugin as Content-Type: application/java-archive (a jar) or application/zip"));
        }
        String before = plugins.plugins().stream()
                .filter(p -> p.id().equals(id))
                .map(PluginRuntime::version)
                .findFirst()
                .orElse(null);
        Installation done;
        try {
            done = installer.install(
                    id, req.content().inputStream(), req.headers().first(CONTENT_DIGEST));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot receive the archive of plugin '" + id + "'", e);
        } catch (RuntimeException e) {
            throw refused(req, before == null ? "install" : "upgrade", id, before, problem(e));
        }
        record(req, done.created() ? "install" : "upgrade", done);
        res.status(done.created() ? Status.CREATED_201 : Status.OK_200).send(AdminService.json(done.plugin()));
    }

    private void rollback(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        Installation done;
        try {
            done = plugins.rollback(id);
        } catch (RuntimeException e) {
            throw refused(req, "rollback", id, null, problem(e));
        }
        record(req, "rollback", done);
        res.send(AdminService.json(done.plugin()));
    }

    private void remove(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        PluginRuntime removed;
        try {
            removed = plugins.remove(id);
        } catch (RuntimeException e) {
            throw refused(req, "remove", id, null, problem(e));
        }
        audit.record(AuditEntry.of(actor(req), "remove", id, removed.version(), null, null, "ok", null));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void record(ServerRequest req, String action, Installation done) {
        audit.record(AuditEntry.of(
                actor(req),
                action,
                done.plugin().id(),
                done.previousVersion().orElse(null),
                done.plugin().version(),
                done.digest(),
                "ok",
                null));
    }

    private ProblemException refused(
            ServerRequest req, String action, String id, String fromVersion, ProblemException problem) {
        audit.record(
                AuditEntry.of(actor(req), action, id, fromVersion, null, null, problem.slug(), problem.getMessage()));
        return problem;
    }

    /** Who made a change: the token's subject, or {@code loopback} when security is off. */
    static String actor(ServerRequest req) {
        return Caller.of(req).map(Caller::subject).orElse("loopback");
    }

    private static ProblemException problem(RuntimeException e) {
        return switch (e) {
            case ProblemException p -> p;
            case ArchiveRejectedException r -> new ProblemException(status(r), slug(r), r.getMessage());
            case PluginStartException s ->
                new ProblemException(Status.CONFLICT_409, "plugin-start-failed", s.getMessage());
            case LifecycleConflictException c ->
                new ProblemException(Status.CONFLICT_409, "plugin-lifecycle-conflict", c.getMessage());
            case NoSuchElementException n ->
                new ProblemException(Status.NOT_FOUND_404, "plugin-not-found", n.getMessage());
            default -> throw e;
        };
    }

    private static Status status(ArchiveRejectedException e) {
        return switch (e.reason()) {
            case DIGEST, WRONG_ID -> Status.BAD_REQUEST_400;
            case INCOMPATIBLE, NOT_A_PLUGIN, BUNDLES_PLATFORM, SIGNATURE -> Status.UNPROCESSABLE_CONTENT_422;
        };
    }

    private static String slug(ArchiveRejectedException e) {
        return switch (e.reason()) {
            case DIGEST -> "invalid-content-digest";
            case WRONG_ID -> "plugin-id-mismatch";
            case INCOMPATIBLE -> "plugin-incompatible";
            case NOT_A_PLUGIN -> "not-a-plugin";
            case BUNDLES_PLATFORM -> "plugin-bundles-platform";
            case SIGNATURE -> "plugin-signature-invalid";
        };
    }
}
