package com.mirogateway.platform.host.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonDiffTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static JsonDiff.Result diff(String legacy, String plugin, String... ignore) {
        return JsonDiff.compare(json(legacy), json(plugin), IgnoreRules.of(List.of(ignore)));
    }

    @Test
    void memberOrderDoesNotMatter() {
        JsonDiff.Result result = diff("{'a':1,'b':{'c':[1,2],'d':'x'}}", "{'b':{'d':'x','c':[1,2]},'a':1}");

        assertThat(result.matches()).isTrue();
        assertThat(result.differences()).isEmpty();
    }

    @Test
    void arrayOrderDoes() {
        JsonDiff.Result result = diff("{'tags':['a','b']}", "{'tags':['b','a']}");

        assertThat(result.differences()).extracting(Difference::path).containsExactly("$.tags[0]", "$.tags[1]");
    }

    @Test
    void numbersCompareByValue() {
        assertThat(diff("{'n':1,'m':2.50,'k':100}", "{'n':1.0,'m':2.5,'k':1e2}").matches())
                .isTrue();
        assertThat(diff("{'n':1}", "{'n':'1'}").matches()).isFalse();
    }

    @Test
    void aChangedFieldIsReportedWithItsPathAndBothValues() {
        JsonDiff.Result result =
                diff("{'data':[{'id':'1','owner':{'name':'Ann'}}]}", "{'data':[{'id':'1','owner':{'name':'Bob'}}]}");

        assertThat(result.total()).isEqualTo(1);
        Difference difference = result.differences().getFirst();
        assertThat(difference.path()).isEqualTo("$.data[0].owner.name");
        assertThat(difference.change()).isEqualTo(Difference.Change.CHANGED);
        assertThat(difference.legacy().orElseThrow().asText()).isEqualTo("Ann");
        assertThat(difference.plugin().orElseThrow().asText()).isEqualTo("Bob");
    }

    @Test
    void membersOnOneSideOnlyAreReportedAsSuch() {
        JsonDiff.Result result = diff("{'a':1,'gone':{'x':1}}", "{'a':1,'new':true}");

        assertThat(result.differences())
                .extracting(Difference::path, Difference::change)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("$.gone", Difference.Change.ONLY_LEGACY),
                        org.assertj.core.groups.Tuple.tuple("$.new", Difference.Change.ONLY_PLUGIN));
        assertThat(result.differences().get(0).plugin()).isEmpty();
        assertThat(result.differences().get(1).legacy()).isEmpty();
    }

    @Test
    void typeChangesAndLongerArraysAreDifferences() {
        JsonDiff.Result result = diff("{'a':{'b':1},'list':[1]}", "{'a':[1],'list':[1,2]}");

        assertThat(result.differences())
                .extracting(Difference::path, Difference::change)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("$.a", Difference.Change.CHANGED),
                        org.assertj.core.groups.Tuple.tuple("$.list[1]", Difference.Change.ONLY_PLUGIN));
    }

    @Test
    void ignoredFieldsByNameAnywhereOrByPath() {
        String legacy = "{'createdAt':'1','data':[{'id':'a','etag':'x'},{'id':'b','etag':'y'}],'links':{'self':'/1'}}";
        String plugin = "{'createdAt':'2','data':[{'id':'c','etag':'z'},{'id':'d','etag':'w'}],'links':{'self':'/2'}}";

        assertThat(diff(legacy, plugin).total()).isEqualTo(6);
        assertThat(diff(legacy, plugin, "createdAt", "etag", "$.data[*].id", "$.links.self")
                        .matches())
                .isTrue();
        assertThat(diff(legacy, plugin, "createdAt", "etag", "$.data[0].id", "$['links']")
                        .differences())
                .extracting(Difference::path)
                .containsExactly("$.data[1].id");
    }

    @Test
    void oddMemberNamesAreQuotedInPaths() {
        JsonDiff.Result result = diff("{'a.b':{'x y':1}}", "{'a.b':{'x y':2}}");

        assertThat(result.differences().getFirst().path()).isEqualTo("$['a.b']['x y']");
        assertThat(diff("{'a.b':{'x y':1}}", "{'a.b':{'x y':2}}", "$['a.b'].*").matches())
                .isTrue();
    }

    @Test
    void secretLookingMembersAreMaskedInTheReport() {
        JsonDiff.Result result = diff(
                "{'accessToken':'t1','user':{'password':'p1','name':'a'}}",
                "{'accessToken':'t2','user':{'password':'p2','name':'b'},'extra':{'apiKey':'k'}}");

        assertThat(result.differences().toString()).doesNotContain("t1", "t2", "p1", "p2", "\"k\"");
        assertThat(result.differences())
                .filteredOn(d -> d.path().equals("$.accessToken"))
                .singleElement()
                .satisfies(d -> assertThat(d.legacy().orElseThrow().asText()).isEqualTo("***"));
        assertThat(result.differences())
                .filteredOn(d -> d.path().equals("$.extra"))
                .singleElement()
                .satisfies(
                        d -> assertThat(d.plugin().orElseThrow().get("apiKey").asText())
                                .isEqualTo("***"));
    }

    @Test
    void reportsAreBoundedButTheTotalIsKept() {
        StringBuilder legacy = new StringBuilder("[");
        StringBuilder plugin = new StringBuilder("[");
        for (int i = 0; i < 80; i++) {
            legacy.append(i == 0 ? "" : ",").append(i);
            plugin.append(i == 0 ? "" : ",").append(i + 1);
        }
        JsonDiff.Result result = diff(legacy + "]", plugin + "]");

        assertThat(result.total()).isEqualTo(80);
        assertThat(result.differences()).hasSize(JsonDiff.MAX_DIFFERENCES);
    }

    @Test
    void longValuesAreShortened() {
        String big = "x".repeat(1000);
        JsonDiff.Result result = diff("{'a':'" + big + "'}", "{'a':'y'}");

        String shown = result.differences().getFirst().legacy().orElseThrow().asText();
        assertThat(shown).hasSize(JsonDiff.MAX_VALUE_CHARS + 1).endsWith("…");
    }
}
