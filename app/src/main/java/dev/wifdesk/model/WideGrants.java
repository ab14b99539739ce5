package dev.wifdesk.model;

import dev.wifdesk.cel.CelCompileException;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cel.CompiledExpression;
import java.util.Set;

/**
 * When a grant on a multi-tenant issuer lets in more than one tenant: the one rule the diagnostics
 * (BINDING_TOO_BROAD on a live policy) and the setup lint (on a spec) share.
 */
public final class WideGrants {
    /** Claims that pin a GitLab group or project: a condition that reads one of them scopes the tenant. */
    private static final Set<String> SCOPING_CLAIMS = Set.of("namespace_path", "namespace_id", "project_path", "project_id",
            "job_project_path", "job_project_id", "job_namespace_path", "job_namespace_id");
    /** Attributes whose values every tenant of the issuer shares (a role, a ref name, a boolean). */
    private static final Set<String> SHARED_VALUES = Set.of("user_access_level", "pipeline_source", "ref", "ref_type",
            "ref_protected");

    private WideGrants() {
    }

    /** Does the condition read a claim (or attribute) that pins a group or project? False when blank or not CEL. */
    public static boolean conditionScopesTenant(CelEngine engine, String condition) {
        if (condition == null || condition.isBlank()) {
            return false;
        }
        try {
            CompiledExpression c = engine.compile(condition);
            return CelEngine.referencedKeys(c, CelEngine.ASSERTION).stream().anyMatch(SCOPING_CLAIMS::contains)
                    || CelEngine.referencedKeys(c, CelEngine.ATTRIBUTE).stream().anyMatch(SCOPING_CLAIMS::contains);
        } catch (CelCompileException e) {
            return false;
        }
    }

    /**
     * On a multi-tenant issuer: the whole pool ({@code *}) unless the condition pins a tenant, or an
     * attribute whose values many tenants share (namespace*, ref, access level...) with no condition at all.
     */
    public static boolean isTooBroad(PrincipalIdentifier member, boolean conditionScopesTenant, boolean hasCondition) {
        if (member.kind() == PrincipalIdentifier.Kind.ALL) {
            return !conditionScopesTenant;
        }
        return member.kind() == PrincipalIdentifier.Kind.ATTRIBUTE && !hasCondition
                && (member.attribute().startsWith("namespace") || SHARED_VALUES.contains(member.attribute()));
    }
}
