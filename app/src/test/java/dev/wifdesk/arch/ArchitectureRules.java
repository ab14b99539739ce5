package dev.wifdesk.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * The layer rules of ARCHITECTURE.md as ArchUnit rules, checked on the production classes by
 * {@link ArchitectureTest} and against fixtures that break them by {@link ArchitectureRulesTest}.
 */
final class ArchitectureRules {
    private ArchitectureRules() {
    }

    /**
     * The composition root: the one place that plugs the sandbox into the app ({@code ui.Wiring} and
     * the embedded launcher it returns), plus {@code wifdesk sandbox serve}, which runs it.
     */
    static final Set<String> SANDBOX_USERS = Set.of("dev.wifdesk.ui.Wiring", "dev.wifdesk.ui.EmbeddedSandboxLauncher",
            "dev.wifdesk.cli.SandboxCommand");

    /** The class itself or one of its nested / anonymous classes is one of {@code names}. */
    private static DescribedPredicate<JavaClass> namedOrNestedIn(Set<String> names) {
        return DescribedPredicate.describe("in " + names, c -> names.stream()
                .anyMatch(n -> c.getName().equals(n) || c.getName().startsWith(n + "$")));
    }

    static final ArchRule PURE_LAYERS_HAVE_NO_JAVAFX = noClasses()
            .that().resideInAnyPackage("dev.wifdesk.model..", "dev.wifdesk.cel..", "dev.wifdesk.diagnose..",
                    "dev.wifdesk.plan..", "dev.wifdesk.export..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .as("model, cel, diagnose, plan and export import no JavaFX");

    static final ArchRule ONLY_THE_COMPOSITION_ROOT_IMPORTS_THE_SANDBOX = noClasses()
            .that(resideOutsideOfPackage("dev.wifdesk.sandbox..").and(not(namedOrNestedIn(SANDBOX_USERS))))
            .should().dependOnClassesThat().resideInAPackage("dev.wifdesk.sandbox..")
            .as("nothing but the composition root (" + String.join(", ", SANDBOX_USERS.stream().sorted().toList())
                    + ") and tests imports sandbox");

    static final ArchRule SANDBOX_USES_ONLY_MODEL_CEL_CLOUD = classes()
            .that().resideInAPackage("dev.wifdesk.sandbox..")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("dev.wifdesk..")
                    .or(resideInAnyPackage("dev.wifdesk.sandbox..", "dev.wifdesk.model..", "dev.wifdesk.cel..",
                            "dev.wifdesk.cloud..")))
            .as("sandbox uses only model, cel and cloud (and itself)");

    /** The plan engine runs for the demo and the wizard alike: it knows no UI, no command line, no sandbox. */
    static final ArchRule PLAN_KNOWS_NO_FACE = noClasses()
            .that().resideInAPackage("dev.wifdesk.plan..")
            .should().dependOnClassesThat(resideInAnyPackage("dev.wifdesk.ui..", "dev.wifdesk.cli..",
                    "dev.wifdesk.sandbox.."))
            .as("plan uses no ui, cli or sandbox");

    static final java.util.List<ArchRule> ALL = java.util.List.of(PURE_LAYERS_HAVE_NO_JAVAFX,
            ONLY_THE_COMPOSITION_ROOT_IMPORTS_THE_SANDBOX, SANDBOX_USES_ONLY_MODEL_CEL_CLOUD, PLAN_KNOWS_NO_FACE);
}
