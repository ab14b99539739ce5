package dev.wifdesk.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.runtime.CelRuntime;

/** A CEL expression that compiled and type-checked, ready to run many times. */
public record CompiledExpression(String source, CelAbstractSyntaxTree ast, CelRuntime.Program program) {
}
