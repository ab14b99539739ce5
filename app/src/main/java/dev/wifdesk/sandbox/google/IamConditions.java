package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * IAM Conditions of allow-policy role bindings ({@code {"title","description","expression"}}), in
 * CEL with the variables {@code request} ({@code request.time}, a timestamp) and {@code resource}.
 * A conditional binding grants its role only when the expression evaluates to {@code true} (Google:
 * "If a role binding has a condition, the principals get the role only if the condition evaluates
 * to true"). The APIs the sandbox serves (IAM service accounts, Dataflow, Resource Manager projects
 * as used here) are not in Google's list of services that recognise resource attributes, so
 * {@code resource.*} is left empty: an expression that reads it fails to evaluate and, like any
 * expression that does not compile or does not yield a boolean, never grants.
 */
final class IamConditions {
    static final String REQUEST = "request";
    static final String RESOURCE = "resource";
    private static final int CACHE_SIZE = 256;

    private final Cel cel = CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(CelExtensions.strings())
            .addRuntimeLibraries(CelExtensions.strings())
            .addVar(REQUEST, MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar(RESOURCE, MapType.create(SimpleType.STRING, SimpleType.DYN))
            .build();
    private final Map<String, Optional<CelRuntime.Program>> programs = Collections.synchronizedMap(
            new LinkedHashMap<>(32, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Optional<CelRuntime.Program>> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    /** Why {@code expression} cannot be used in a binding, or empty when it compiles. */
    Optional<String> problem(String expression) {
        if (expression == null || expression.isBlank()) {
            return Optional.of("the condition has no expression");
        }
        try {
            cel.compile(expression).getAst();
            return Optional.empty();
        } catch (CelValidationException e) {
            String first = e.getErrors().isEmpty() ? "it does not compile" : e.getErrors().get(0).getMessage();
            return Optional.of("the condition expression does not compile: " + first);
        }
    }

    /** True only when the binding condition evaluates to {@code true} at {@code now}. */
    boolean grants(JsonNode condition, Instant now) {
        String expression = condition.path("expression").asText("");
        Optional<CelRuntime.Program> program = programs.computeIfAbsent(expression, this::compile);
        if (program.isEmpty()) {
            return false;
        }
        // cel-java 0.14 represents CEL timestamps as java.time.Instant
        Map<String, Object> request = Map.of("time", now);
        try {
            return Boolean.TRUE.equals(program.get().eval(Map.of(REQUEST, request, RESOURCE, Map.of())));
        } catch (CelEvaluationException | RuntimeException e) {
            // unevaluable (e.g. reads resource.name, which these services do not provide): no grant
            return false;
        }
    }

    private Optional<CelRuntime.Program> compile(String expression) {
        if (expression.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(cel.createProgram(cel.compile(expression).getAst()));
        } catch (CelValidationException | CelEvaluationException e) {
            return Optional.empty();
        }
    }
}
