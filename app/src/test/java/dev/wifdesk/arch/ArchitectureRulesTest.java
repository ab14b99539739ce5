package dev.wifdesk.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.wifdesk.diagnose.archfixture.DiagnoseUsingSandbox;
import dev.wifdesk.model.archfixture.ModelUsingJavaFx;
import dev.wifdesk.plan.archfixture.PlanUsingCli;
import dev.wifdesk.sandbox.archfixture.SandboxUsingUi;
import dev.wifdesk.ui.archfixture.ClassesThatObey;
import org.junit.jupiter.api.Test;

/** A test of the architecture test: each rule fails on a small fixture that breaks it, naming the class. */
class ArchitectureRulesTest {
    private static final JavaClasses FIXTURES = new ClassFileImporter().importClasses(ModelUsingJavaFx.class,
            DiagnoseUsingSandbox.class, SandboxUsingUi.class, PlanUsingCli.class, ClassesThatObey.class);

    private static String failure(ArchRule rule) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> rule.check(FIXTURES));
        assertThat(t).as(rule.getDescription() + " must fail on its fixture").isInstanceOf(AssertionError.class);
        return t.getMessage();
    }

    @Test
    void javaFxInModelIsAViolation() {
        assertThat(failure(ArchitectureRules.PURE_LAYERS_HAVE_NO_JAVAFX))
                .contains("model, cel, diagnose, plan and export import no JavaFX", ModelUsingJavaFx.class.getName(),
                        "javafx.beans.property")
                .doesNotContain(ClassesThatObey.class.getName());
    }

    @Test
    void aSandboxImportOutsideTheCompositionRootIsAViolation() {
        assertThat(failure(ArchitectureRules.ONLY_THE_COMPOSITION_ROOT_IMPORTS_THE_SANDBOX))
                .contains(DiagnoseUsingSandbox.class.getName(), "dev.wifdesk.sandbox.SandboxOptions")
                // the sandbox's own classes may use the sandbox
                .doesNotContain(SandboxUsingUi.class.getName() + " calls");
    }

    @Test
    void theSandboxUsingTheUiIsAViolationButUsingModelIsNot() {
        String report = failure(ArchitectureRules.SANDBOX_USES_ONLY_MODEL_CEL_CLOUD);
        assertThat(report).contains(SandboxUsingUi.class.getName(), "dev.wifdesk.ui.connection.Connection")
                .doesNotContain("dev.wifdesk.model.Severity");
    }

    @Test
    void thePlanUsingTheCommandLineIsAViolation() {
        assertThat(failure(ArchitectureRules.PLAN_KNOWS_NO_FACE)).contains(PlanUsingCli.class.getName(),
                "dev.wifdesk.cli.WifdeskCommand");
    }

    @Test
    void classesThatObeyPassEveryRule() {
        JavaClasses obeying = new ClassFileImporter().importClasses(ClassesThatObey.class);
        for (ArchRule rule : ArchitectureRules.ALL) {
            rule.allowEmptyShould(true).check(obeying);
        }
        assertThatThrownBy(() -> ArchitectureRules.PURE_LAYERS_HAVE_NO_JAVAFX.check(FIXTURES))
                .isInstanceOf(AssertionError.class);
    }
}
