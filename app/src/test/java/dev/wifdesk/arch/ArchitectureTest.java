package dev.wifdesk.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layer rules hold for the production classes (tests are not imported: they may use
 * anything). A violation fails with ArchUnit's list: each offending class, what it uses, and where.
 */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.wifdesk");
    }

    @Test
    void theImportSeesEveryLayer() {
        // a rule over an empty set passes whatever the code does: make sure the classes are there
        for (String c : new String[] {"dev.wifdesk.model.FederationSpec", "dev.wifdesk.cel.CelEngine",
                "dev.wifdesk.diagnose.DiagnosisEngine", "dev.wifdesk.plan.PlanExecutor", "dev.wifdesk.sandbox.Sandbox",
                "dev.wifdesk.ui.Wiring", "dev.wifdesk.cli.SandboxCommand"}) {
            assertThat(production.contain(c)).as(c).isTrue();
        }
        assertThat(production.contain("dev.wifdesk.arch.ArchitectureTest")).as("tests are not imported").isFalse();
    }

    @Test
    void modelCelDiagnoseAndPlanImportNoJavaFx() {
        ArchitectureRules.PURE_LAYERS_HAVE_NO_JAVAFX.check(production);
    }

    @Test
    void onlyTheCompositionRootAndTheSandboxCommandImportTheSandbox() {
        ArchitectureRules.ONLY_THE_COMPOSITION_ROOT_IMPORTS_THE_SANDBOX.check(production);
    }

    @Test
    void theSandboxUsesOnlyModelCelAndCloud() {
        ArchitectureRules.SANDBOX_USES_ONLY_MODEL_CEL_CLOUD.check(production);
    }

    @Test
    void thePlanEngineKnowsNoUiCliOrSandbox() {
        ArchitectureRules.PLAN_KNOWS_NO_FACE.check(production);
    }
}
