package dev.wifdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wifdesk.ui.diagnostics.DiagnosisReport;
import dev.wifdesk.ui.main.MainWindowController;
import dev.wifdesk.ui.support.InMemoryProviders;
import dev.wifdesk.ui.support.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Controllers registered per feature: every FXML's controller is registered once; an unknown class is a clear error. */
class UiControllerFactoryTest {
    private final TestServices t = new TestServices();

    private UiControllerFactory factory(List<UiFeature> features) {
        return new UiControllerFactory(t.build(t.connectingTo(TestServices.sandboxConnection()),
                r -> new DiagnosisReport(List.of(), List.of()), c -> new InMemoryProviders()), t.messages.bundle(),
                features);
    }

    @Test
    void everyFxmlControllerIsRegisteredByAFeature() throws Exception {
        Set<String> inFxml = new TreeSet<>();
        Pattern controller = Pattern.compile("fx:controller=\"([^\"]+)\"");
        try (Stream<Path> files = Files.list(Path.of("fxml"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".fxml")).toList()) {
                Matcher m = controller.matcher(Files.readString(f));
                while (m.find()) {
                    inFxml.add(m.group(1));
                }
            }
        }
        assertThat(inFxml).hasSizeGreaterThanOrEqualTo(7);
        Set<String> registered = new TreeSet<>();
        factory(Features.ALL).registered().forEach(c -> registered.add(c.getName()));
        assertThat(registered).containsAll(inFxml);
    }

    @Test
    void anUnknownControllerIsAProgrammingErrorNamingTheClass() {
        UiControllerFactory withoutShell = factory(List.of(Features.DIAGNOSTICS));
        assertThatThrownBy(() -> withoutShell.call(MainWindowController.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("No controller registered for dev.wifdesk.ui.main.MainWindowController");
    }

    @Test
    void twoFeaturesCannotRegisterTheSameController() {
        assertThatThrownBy(() -> factory(List.of(Features.SHELL, Features.SHELL)))
                .hasMessage("Two features register a controller for dev.wifdesk.ui.main.MainWindowController");
    }
}
