package dev.wifdesk.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link FederationSpec} as the spec file of CLI.md (YAML), the file {@link SpecParser}
 * reads back: {@code parse(write(spec))} equals {@code spec}. Pure; keys in CLI.md's order; a field
 * the spec does not hold (null, an unfinished wizard) is left out, so the parser names it as missing.
 */
public final class SpecWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    /** The spec as YAML text. */
    public String write(FederationSpec spec) {
        try {
            return yaml.writeValueAsString(tree(spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings, lists and maps always writes as YAML", e);
        }
    }

    /** The spec as the tree the parser maps (the same shape for YAML and JSON). */
    public ObjectNode tree(FederationSpec spec) {
        ObjectNode root = NODES.objectNode();
        root.set("gcp", gcp(spec.gcp()));
        if (!spec.environments().isEmpty()) {
            ArrayNode envs = root.putArray("environments");
            for (FederationSpec.Environment e : spec.environments()) {
                ObjectNode env = envs.addObject();
                text(env, "name", e.name());
                serviceAccount(env, e.serviceAccount());
                env.put("protectedOnly", e.protectedOnly());
            }
        }
        spec.gitlab().ifPresent(g -> {
            ObjectNode gl = root.putObject("gitlab");
            text(gl, "url", g.url());
            text(gl, "project", g.project());
            text(gl, "ref", g.ref());
            text(gl, "verificationJob", g.verificationJob());
            ObjectNode vars = gl.putObject("variables");
            vars.put("protected", g.variables().protectedOnly());
            text(vars, "environmentScope", g.variables().environmentScope());
        });
        spec.dataflow().ifPresent(d -> {
            ObjectNode df = root.putObject("dataflow");
            text(df, "region", d.region());
            text(df, "template", d.template());
            map(df, "parameters", d.parameters());
            text(df, "tempLocation", d.tempLocation());
        });
        return root;
    }

    private static ObjectNode gcp(FederationSpec.Gcp gcp) {
        ObjectNode n = NODES.objectNode();
        text(n, "project", gcp.project());
        if (gcp.pool() != null) {
            ObjectNode pool = n.putObject("pool");
            text(pool, "id", gcp.pool().id());
            text(pool, "displayName", gcp.pool().displayName());
            text(pool, "description", gcp.pool().description());
        }
        FederationSpec.Provider p = gcp.provider();
        if (p != null) {
            ObjectNode provider = n.putObject("provider");
            text(provider, "id", p.id());
            text(provider, "issuer", p.issuer());
            if (!p.audiences().isEmpty()) {
                list(provider, "audiences", p.audiences());
            }
            map(provider, "attributeMapping", p.attributeMapping());
            if (p.hasCondition()) {
                provider.put("attributeCondition", p.attributeCondition());
            }
        }
        serviceAccount(n, gcp.serviceAccount());
        list(n, "grant", gcp.grant());
        list(n, "projectRoles", gcp.projectRoles());
        return n;
    }

    private static void serviceAccount(ObjectNode parent, FederationSpec.ServiceAccount sa) {
        if (sa != null) {
            ObjectNode n = parent.putObject("serviceAccount");
            text(n, "id", sa.id());
            n.put("create", sa.create());
        }
    }

    private static void text(ObjectNode n, String key, String value) {
        if (value != null) {
            n.put(key, value);
        }
    }

    private static void list(ObjectNode n, String key, List<String> values) {
        ArrayNode a = n.putArray(key);
        values.forEach(a::add);
    }

    private static void map(ObjectNode n, String key, Map<String, String> values) {
        ObjectNode m = n.putObject(key);
        values.forEach(m::put);
    }
}
