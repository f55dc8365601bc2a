package com.mirogateway.platform.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mirogateway.platform.host.plugins.RouteTable.Resolution;
import io.helidon.common.uri.UriPath;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private final PluginRuntime boards = plugin("boards");
    private final PluginRuntime rival = plugin("rival");
    private final PluginRuntime legacy = plugin("legacy");

    private static PluginRuntime plugin(String id) {
        return new PluginRuntime(id, "1.0.0", RouteTableTest.class.getClassLoader(), null);
    }

    /** A distinct handler per route, so a test can tell which one the table picked; never invoked. */
    private static Handler handler(String name) {
        return (req, res) -> res.send(name);
    }

    private static RouteEntry claim(Method method, String template, PluginRuntime owner) {
        return RouteEntry.create(method, template, owner, handler(method.text() + " " + template));
    }

    private static FallbackEntry fallback(String prefix, PluginRuntime owner) {
        return FallbackEntry.create(prefix, owner, handler("fallback " + prefix));
    }

    private static Resolution resolve(RouteTable table, Method method, String path) {
        return table.resolve(method, UriPath.create(path));
    }

    private static RouteEntry claimedRoute(Resolution resolution) {
        assertThat(resolution).isInstanceOf(Resolution.Claimed.class);
        return ((Resolution.Claimed) resolution).route();
    }

    @Test
    void claimResolvesWithItsPathParameters() {
        RouteEntry byId = claim(Method.GET, "/api/boards/{boardId}", boards);
        RouteTable table = RouteTable.of(1, List.of(byId), List.of());

        Resolution resolution = resolve(table, Method.GET, "/api/boards/42");

        assertThat(resolution).isInstanceOfSatisfying(Resolution.Claimed.class, claimed -> {
            assertThat(claimed.route()).isSameAs(byId);
            assertThat(claimed.routedPath().pathParameters().get("boardId")).isEqualTo("42");
        });
    }

    @Test
    void mostSpecificClaimWinsWhateverTheOrderTheyWereClaimedIn() {
        RouteEntry byId = claim(Method.GET, "/api/boards/{boardId}", boards);
        RouteEntry mine = claim(Method.GET, "/api/boards/mine", rival);
        RouteTable table = RouteTable.of(1, List.of(byId, mine), List.of());

        assertThat(table.routes()).containsExactly(mine, byId);
        assertThat(claimedRoute(resolve(table, Method.GET, "/api/boards/mine"))).isSameAs(mine);
        assertThat(claimedRoute(resolve(table, Method.GET, "/api/boards/7"))).isSameAs(byId);
        assertThat(RouteTable.of(1, List.of(mine, byId), List.of()).routes()).containsExactly(mine, byId);
    }

    @Test
    void claimsOfOneTemplateAreOrderedByMethodName() {
        RouteEntry put = claim(Method.PUT, "/api/boards/{id}", boards);
        RouteEntry get = claim(Method.GET, "/api/boards/{id}", boards);
        RouteEntry delete = claim(Method.DELETE, "/api/boards/{id}", boards);

        RouteTable table = RouteTable.of(1, List.of(put, get, delete), List.of());

        assertThat(table.routes()).containsExactly(delete, get, put);
    }

    @Test
    void claimedPathWithAnotherMethodIsMethodNotAllowedListingTheClaimedMethods() {
        RouteTable table = RouteTable.of(
                1,
                List.of(
                        claim(Method.GET, "/api/boards/{id}", boards),
                        claim(Method.PUT, "/api/boards/{id}", boards),
                        claim(Method.GET, "/api/boards/mine", rival),
                        claim(Method.POST, "/api/items", rival)),
                List.of());

        assertThat(resolve(table, Method.POST, "/api/boards/7"))
                .isEqualTo(new Resolution.MethodNotAllowed(Set.of(Method.GET, Method.PUT)));
        assertThat(resolve(table, Method.DELETE, "/api/boards/mine"))
                .isEqualTo(new Resolution.MethodNotAllowed(Set.of(Method.GET, Method.PUT)));
    }

    @Test
    void laterClaimStillServesItsMethodAfterAMoreSpecificClaimForAnotherMethod() {
        RouteEntry putById = claim(Method.PUT, "/api/boards/{id}", boards);
        RouteTable table = RouteTable.of(1, List.of(claim(Method.GET, "/api/boards/mine", rival), putById), List.of());

        assertThat(claimedRoute(resolve(table, Method.PUT, "/api/boards/mine"))).isSameAs(putById);
    }

    @Test
    void unclaimedPathUnderAFallbackGoesToTheFallback() {
        FallbackEntry api = fallback("/api", legacy);
        RouteTable table = RouteTable.of(1, List.of(claim(Method.GET, "/api/boards/{id}", boards)), List.of(api));

        assertThat(resolve(table, Method.GET, "/api/users/1")).isEqualTo(new Resolution.Fallback(api));
        assertThat(resolve(table, Method.GET, "/api")).isEqualTo(new Resolution.Fallback(api));
    }

    @Test
    void fallbackServesAClaimedPathsOtherMethodsInsteadOfA405() {
        FallbackEntry api = fallback("/api/", legacy);
        RouteTable table = RouteTable.of(1, List.of(claim(Method.GET, "/api/boards/{id}", boards)), List.of(api));

        assertThat(resolve(table, Method.DELETE, "/api/boards/7")).isEqualTo(new Resolution.Fallback(api));
    }

    @Test
    void fallbackCoversItsPrefixOnlyAtASegmentBoundary() {
        RouteTable table = RouteTable.of(1, List.of(), List.of(fallback("/api", legacy)));

        assertThat(resolve(table, Method.GET, "/apis/1")).isEqualTo(Resolution.NotFound.INSTANCE);
        assertThat(resolve(table, Method.GET, "/ap")).isEqualTo(Resolution.NotFound.INSTANCE);
        assertThat(table.fallbackFor("/api/x")).isPresent();
        assertThat(table.fallbackFor("/other")).isEmpty();
    }

    @Test
    void longestFallbackPrefixWins() {
        FallbackEntry api = fallback("/api", legacy);
        FallbackEntry v2 = fallback("/api/v2", rival);
        FallbackEntry root = fallback("/", boards);

        RouteTable table = RouteTable.of(1, List.of(), List.of(api, root, v2));

        assertThat(table.fallbacks()).containsExactly(v2, api, root);
        assertThat(table.fallbackFor("/api/v2/boards")).contains(v2);
        assertThat(table.fallbackFor("/api/v1/boards")).contains(api);
        assertThat(table.fallbackFor("/health")).contains(root);
    }

    @Test
    void rootFallbackCoversEveryPath() {
        FallbackEntry root = fallback("/", legacy);

        assertThat(root.prefix()).isEmpty();
        assertThat(root.covers("/")).isTrue();
        assertThat(root.covers("/anything/below")).isTrue();
    }

    @Test
    void fallbackPrefixMustBeAnAbsoluteValidPath() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> fallback("api", legacy))
                .withMessage("Fallback prefix must start with '/': api");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FallbackEntry.create(null, legacy, handler("x")))
                .withMessage("Fallback prefix must start with '/': null");
        assertThatIllegalArgumentException().isThrownBy(() -> fallback("/api/{id}x", legacy));
    }

    @Test
    void nothingMatchingIsNotFound() {
        RouteTable table = RouteTable.of(1, List.of(claim(Method.GET, "/api/boards/{id}", boards)), List.of());

        assertThat(resolve(table, Method.GET, "/api/items")).isEqualTo(Resolution.NotFound.INSTANCE);
        assertThat(resolve(table, Method.GET, "/api/boards/7/items")).isEqualTo(Resolution.NotFound.INSTANCE);
        assertThat(resolve(RouteTable.empty(), Method.GET, "/")).isEqualTo(Resolution.NotFound.INSTANCE);
    }

    @Test
    void emptyTableIsRevisionZeroWithNothingInIt() {
        RouteTable empty = RouteTable.empty();

        assertThat(empty.revision()).isZero();
        assertThat(empty.routes()).isEmpty();
        assertThat(empty.fallbacks()).isEmpty();
    }

    @Test
    void tableKeepsItsRevisionAndCannotBeChangedThroughTheListsItWasBuiltFrom() {
        List<RouteEntry> routes = new ArrayList<>(List.of(claim(Method.GET, "/a", boards)));
        RouteTable table = RouteTable.of(7, routes, List.of());

        routes.clear();

        assertThat(table.revision()).isEqualTo(7);
        assertThat(table.routes()).hasSize(1);
        assertThatThrownBy(() -> table.routes().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> table.fallbacks().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void entriesDescribeThemselvesAsOpsSeeThem() {
        RouteEntry entry = claim(Method.GET, "/api/boards/{boardId}", boards);

        assertThat(entry.path()).isEqualTo("/api/boards/{boardId}");
        assertThat(entry.describe()).isEqualTo("GET /api/boards/{boardId}");
        assertThat(entry.owner()).isSameAs(boards);
    }
}
