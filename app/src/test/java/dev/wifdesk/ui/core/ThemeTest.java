package dev.wifdesk.ui.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import javafx.css.CssParser;
import javafx.css.Rule;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Test;

/** The theme loads the build's binary form of Primer, and that form holds exactly the rules of the text stylesheet. */
class ThemeTest {
    @Test
    void theBaseThemeIsTheBinaryFormTheBuildMade() {
        assertThat(Theme.baseUrl(false)).endsWith(Theme.PRIMER_LIGHT_BINARY);
        assertThat(Theme.baseUrl(true)).endsWith(Theme.PRIMER_DARK_BINARY);
    }

    @Test
    void theBinaryFormsHoldTheSameRulesAsTheTextStylesheets() throws Exception {
        assertSameRules(Theme.PRIMER_LIGHT, Theme.PRIMER_LIGHT_BINARY);
        assertSameRules(Theme.PRIMER_DARK, Theme.PRIMER_DARK_BINARY);
    }

    /** Each declaration's property and importance (the parsed values print their converters differently). */
    private static List<String> properties(Rule rule) {
        return rule.getDeclarations().stream().map(d -> d.getProperty() + (d.isImportant() ? " !important" : "")).toList();
    }

    private static void assertSameRules(String css, String bss) throws Exception {
        URL text = Theme.class.getResource(css);
        URL binary = Theme.class.getResource(bss);
        assertThat(binary).as(bss + " (made by installer/css/CompileThemes.java at process-classes)").isNotNull();
        List<Rule> parsed = new CssParser().parse(text).getRules();
        List<Rule> loaded = Stylesheet.loadBinary(binary).getRules();
        assertThat(loaded).hasSameSizeAs(parsed);
        for (int i = 0; i < parsed.size(); i++) {
            assertThat(loaded.get(i).getSelectors().toString()).isEqualTo(parsed.get(i).getSelectors().toString());
            assertThat(properties(loaded.get(i))).isEqualTo(properties(parsed.get(i)));
        }
    }
}
