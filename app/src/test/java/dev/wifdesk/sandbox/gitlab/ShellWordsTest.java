package dev.wifdesk.sandbox.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellWordsTest {
    private static final Map<String, String> VARS = Map.of("P", "//iam.googleapis.com/projects/1/x", "F", "a.json");

    private static List<String> words(String line) {
        return ShellWords.split(line, VARS).stream().map(ShellWords.Word::text).toList();
    }

    @Test
    void prefixAndSuffixRemovalsTakeTheirTextLiterally() {
        assertThat(words("gcloud x \"${P#//iam.googleapis.com/}\" ${F%.json}.yaml"))
                .containsExactly("gcloud", "x", "projects/1/x", "a.yaml");
        assertThat(words("echo ${P#https:} ${UNSET#x} ${F%*}")).containsExactly("echo", "//iam.googleapis.com/projects/1/x",
                "", "a.json");
    }

    @Test
    void gitLabsOwnExpansionHasNoRemovals() {
        // GitLab expands aud: and environment: itself, with $VAR and ${VAR} only
        assertThat(ShellWords.expand("${P#//iam.googleapis.com/}", VARS)).isEmpty();
        assertThat(ShellWords.expand("https:${P}", VARS)).isEqualTo("https://iam.googleapis.com/projects/1/x");
    }

    @Test
    void quotesEscapesAndRedirects() {
        assertThat(ShellWords.split("printf '%s' \"{\\\"k\\\":$F}\" > out.json", VARS))
                .extracting(ShellWords.Word::text, ShellWords.Word::redirect)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("printf", false),
                        org.assertj.core.groups.Tuple.tuple("%s", false),
                        org.assertj.core.groups.Tuple.tuple("{\"k\":a.json}", false),
                        org.assertj.core.groups.Tuple.tuple(">", true),
                        org.assertj.core.groups.Tuple.tuple("out.json", false));
    }
}
