package dev.wifdesk.sandbox.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** gcloud's reading of a dict flag: {@code gcloud topic escaping} and {@code gcloud topic flags-file}. */
class GcloudDictArgTest {

    @Test
    void keyValueItemsSplitOnCommasOrOnTheDelimiterTheyName() throws Exception {
        assertThat(GcloudDictArg.parse("--parameters", "inputFile=gs://a/b.txt,output=gs://c/out"))
                .containsExactly(Map.entry("inputFile", "gs://a/b.txt"), Map.entry("output", "gs://c/out"));
        assertThat(GcloudDictArg.parse("--parameters", "^:^list=a,b,c:query=x=y"))
                .containsExactly(Map.entry("list", "a,b,c"), Map.entry("query", "x=y"));
        assertThat(GcloudDictArg.parse("--parameters", "")).isEmpty();
        assertThat(GcloudDictArg.parse("--parameters", null)).isEmpty();
    }

    @Test
    void aJsonObjectOnTheCommandLineIsRefusedAsGcloudRefusesIt() {
        assertThatThrownBy(() -> GcloudDictArg.parse("--parameters", "{\"inputFile\":\"gs://a\",\"output\":\"gs://b\"}"))
                .isInstanceOf(GcloudDictArg.BadSyntax.class)
                .hasMessage("argument --parameters: Bad syntax for dict arg: [{\"inputFile\":\"gs://a\"]. Please see "
                        + "`gcloud topic flags-file` or `gcloud topic escaping` for information on providing list or "
                        + "dictionary flag values with special characters.");
        assertThatThrownBy(() -> GcloudDictArg.parse("--parameters", "a=1,,b=2")).hasMessageContaining("dict arg: []");
    }

    @Test
    void oneTrailingDelimiterIsDroppedAsGcloudDropsIt() throws Exception {
        assertThat(GcloudDictArg.parse("--parameters", "a=1,")).containsExactly(Map.entry("a", "1"));
        assertThat(GcloudDictArg.parse("--parameters", "^:^a=1:")).containsExactly(Map.entry("a", "1"));
    }

    @Test
    void aFlagsFileGivesTheMappingAsItIs() throws Exception {
        String json = "{\"--parameters\":{\"inputFile\":\"gs://a,b\",\"output\":\"gs://c\"}}";
        assertThat(GcloudDictArg.fromFlagsFile(json, "--parameters")).hasValueSatisfying(m -> assertThat(m)
                .containsExactly(Map.entry("inputFile", "gs://a,b"), Map.entry("output", "gs://c")));
        assertThat(GcloudDictArg.fromFlagsFile("--parameters:\n  output: gs://c\n", "--parameters"))
                .hasValue(Map.of("output", "gs://c"));
        assertThat(GcloudDictArg.fromFlagsFile("{\"--parameters\":{}}", "--parameters")).hasValue(Map.of());
        assertThat(GcloudDictArg.fromFlagsFile("{\"--region\":\"europe-west1\"}", "--parameters")).isEmpty();
        // a string is read as on the command line, KEY=VALUE items
        assertThat(GcloudDictArg.fromFlagsFile("{\"--parameters\": \"output=gs://c,inputFile=gs://a\"}", "--parameters"))
                .hasValue(Map.of("output", "gs://c", "inputFile", "gs://a"));
    }

    @Test
    void aFlagsFileThatIsNoMappingOrGivesNoMappingIsRefused() {
        assertThatThrownBy(() -> GcloudDictArg.fromFlagsFile("[1, 2]", "--parameters"))
                .hasMessage("the flags file must be a mapping of --flag: value");
        assertThatThrownBy(() -> GcloudDictArg.fromFlagsFile("{\"--parameters\": [\"a=1\"]}", "--parameters"))
                .hasMessageContaining("argument --parameters");
        assertThatThrownBy(() -> GcloudDictArg.fromFlagsFile("{\"--parameters\": {\"a\": [1]}}", "--parameters"))
                .hasMessageContaining("the value of a must be a string");
        assertThatThrownBy(() -> GcloudDictArg.fromFlagsFile("{\"--parameters\": {", "--parameters"))
                .hasMessageStartingWith("the flags file is not YAML or JSON");
    }
}
