package dev.wifdesk.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the spec file of CLI.md (YAML or JSON) into a {@link FederationSpec}. Mapping is by hand
 * over a Jackson tree so every problem names its field path and rule; unknown keys are errors
 * (with the closest known key), duplicate keys too. {@link #load} and {@link #parse} then run the
 * {@link SpecValidator} and report every problem of both passes at once.
 */
public final class SpecParser {
    public static final int MAX_BYTES = 1 << 20;

    private static final Set<String> TOP = keys("gcp", "environments", "gitlab", "dataflow");
    private static final Set<String> GCP = keys("project", "pool", "provider", "serviceAccount", "grant", "projectRoles");
    private static final Set<String> POOL = keys("id", "displayName", "description");
    private static final Set<String> PROVIDER = keys("id", "issuer", "audiences", "attributeMapping", "attributeCondition");
    private static final Set<String> SERVICE_ACCOUNT = keys("id", "create");
    private static final Set<String> ENVIRONMENT = keys("name", "serviceAccount", "protectedOnly");
    private static final Set<String> GITLAB = keys("url", "project", "ref", "variables", "verificationJob");
    private static final Set<String> VARIABLES = keys("protected", "environmentScope");
    private static final Set<String> DATAFLOW = keys("region", "template", "parameters", "tempLocation");

    private final ObjectMapper json = new ObjectMapper(new JsonFactoryBuilder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private final ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private final SpecValidator validator;

    public SpecParser(SpecValidator validator) {
        this.validator = validator;
    }

    /** The structural reading of a file: the spec (null when nothing usable) and the problems met. */
    public record Result(FederationSpec spec, List<SpecProblem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    /** Reads, parses and validates a spec file. */
    public FederationSpec load(Path file) throws InvalidSpecException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] content;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidSpecException(List.of(SpecProblem.of(name, "is over 1 MiB", SpecRules.TEXT_FILE)));
            }
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidSpecException(List.of(SpecProblem.of(name, "file not found: " + file, SpecRules.TEXT_FILE)));
        } catch (IOException e) {
            throw new InvalidSpecException(List.of(SpecProblem.of(name, "cannot be read: " + e.getMessage(),
                    SpecRules.TEXT_FILE)));
        }
        return parse(name, content);
    }

    /** Parses and validates; {@code name} (a file name) picks the format by extension, else by content. */
    public FederationSpec parse(String name, byte[] content) throws InvalidSpecException {
        Result result = read(name, content);
        List<SpecProblem> all = new ArrayList<>(result.problems());
        if (result.spec() != null) {
            for (SpecProblem p : validator.problems(result.spec())) {
                if (!shadowed(p, result.problems())) {
                    all.add(p);
                }
            }
        }
        if (!all.isEmpty()) {
            throw new InvalidSpecException(all);
        }
        return result.spec();
    }

    public FederationSpec parse(String name, String content) throws InvalidSpecException {
        return parse(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Structure only (types, unknown keys, syntax): no id or limit rules. */
    public Result read(String name, byte[] content) {
        String fileField = name == null || name.isBlank() ? "spec" : name;
        if (content.length > MAX_BYTES) {
            return failed(SpecProblem.of(fileField, "is over 1 MiB", SpecRules.TEXT_FILE));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return failed(SpecProblem.of(fileField, "is not a text file (not valid UTF-8)", SpecRules.TEXT_FILE));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int control = firstControlCharacter(text);
        if (control >= 0) {
            return failed(SpecProblem.of(fileField, "is not a text file (control character U+"
                    + String.format(Locale.ROOT, "%04X", (int) text.charAt(control)) + " at " + position(text, control)
                    + ")", SpecRules.TEXT_FILE));
        }
        if (text.isBlank()) {
            return failed(SpecProblem.of(fileField, "is empty", SpecRules.TOP_LEVEL_OBJECT));
        }
        boolean isJson = isJson(fileField, text);
        JsonNode root;
        try (JsonParser parser = (isJson ? json : yaml).createParser(text)) {
            if (!isJson) {
                SpecProblem alias = firstAlias(fileField, text);
                if (alias != null) {
                    return failed(alias);
                }
            }
            root = (isJson ? json : yaml).readTree(parser);
            if (root != null && parser.nextToken() != null) {
                return failed(SpecProblem.of(fileField, "holds more than one document (the second starts at "
                        + location(parser.currentLocation().getLineNr(), parser.currentLocation().getColumnNr()) + ")",
                        isJson ? "the spec is well-formed JSON" : "the spec is well-formed YAML"));
            }
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException yamlError && yamlError.getProblemMark() != null) {
                return failed(SpecProblem.of(fileField, yamlDetail(yamlError), "the spec is well-formed YAML"));
            }
            var loc = e.getLocation();
            String where = loc == null ? "" : location(loc.getLineNr(), loc.getColumnNr()) + ": ";
            return failed(SpecProblem.of(fileField, where + firstLine(e.getOriginalMessage()),
                    isJson ? "the spec is well-formed JSON" : "the spec is well-formed YAML"));
        } catch (IOException e) {
            return failed(SpecProblem.of(fileField, "cannot be read: " + firstLine(e.getMessage()), SpecRules.WELL_FORMED));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return failed(SpecProblem.of(fileField, "is empty (only comments or blank lines)", SpecRules.TOP_LEVEL_OBJECT));
        }
        if (!root.isObject()) {
            return failed(SpecProblem.of(fileField, "top level is " + (root.isArray() ? "a list" : "a single value")
                    + ", expected a mapping", SpecRules.TOP_LEVEL_OBJECT));
        }
        return map(root);
    }

    private Result map(JsonNode rootNode) {
        SpecTreeReader r = new SpecTreeReader();
        ObjectNode root = r.object(rootNode, "", TOP);
        ObjectNode gcpNode = r.object(root.get("gcp"), "gcp", GCP);
        if (gcpNode == null && (root.get("gcp") == null || root.get("gcp").isNull())) {
            r.problems().add(SpecProblem.of("gcp", "is missing", SpecRules.REQUIRED));
        }
        FederationSpec.Gcp gcp = gcp(r, gcpNode);

        List<FederationSpec.Environment> environments = new ArrayList<>();
        List<JsonNode> envNodes = r.list(root, "environments", "");
        if (envNodes != null) {
            for (int i = 0; i < envNodes.size(); i++) {
                String p = SpecTreeReader.index("environments", i);
                ObjectNode env = r.object(envNodes.get(i), p, ENVIRONMENT);
                if (env == null) {
                    if (envNodes.get(i) == null || envNodes.get(i).isNull()) {
                        r.problems().add(SpecProblem.of(p, "is empty", SpecRules.REQUIRED));
                    }
                    environments.add(new FederationSpec.Environment(null, null, false));
                    continue;
                }
                environments.add(new FederationSpec.Environment(r.text(env, "name", p),
                        serviceAccount(r, env, p), orFalse(r.bool(env, "protectedOnly", p))));
            }
        }

        Optional<FederationSpec.GitLab> gitlab = Optional.empty();
        ObjectNode gl = r.object(root.get("gitlab"), "gitlab", GITLAB);
        if (gl != null) {
            ObjectNode vars = r.object(gl.get("variables"), "gitlab.variables", VARIABLES);
            FederationSpec.Variables variables = vars == null ? null : new FederationSpec.Variables(
                    orTrue(r.bool(vars, "protected", "gitlab.variables")),
                    r.text(vars, "environmentScope", "gitlab.variables"));
            gitlab = Optional.of(new FederationSpec.GitLab(r.text(gl, "url", "gitlab"), r.text(gl, "project", "gitlab"),
                    r.text(gl, "ref", "gitlab"), variables, r.text(gl, "verificationJob", "gitlab")));
        }

        Optional<FederationSpec.Dataflow> dataflow = Optional.empty();
        ObjectNode df = r.object(root.get("dataflow"), "dataflow", DATAFLOW);
        if (df != null) {
            dataflow = Optional.of(new FederationSpec.Dataflow(r.text(df, "region", "dataflow"),
                    r.text(df, "template", "dataflow"), r.textMap(df, "parameters", "dataflow"),
                    r.text(df, "tempLocation", "dataflow")));
        }
        return new Result(new FederationSpec(gcp, environments, gitlab, dataflow), r.problems());
    }

    private static FederationSpec.Gcp gcp(SpecTreeReader r, ObjectNode gcp) {
        if (gcp == null) {
            return new FederationSpec.Gcp(null, null, null, null, null, null);
        }
        FederationSpec.Pool pool = null;
        ObjectNode poolNode = r.object(gcp.get("pool"), "gcp.pool", POOL);
        if (poolNode != null) {
            pool = new FederationSpec.Pool(r.text(poolNode, "id", "gcp.pool"),
                    r.text(poolNode, "displayName", "gcp.pool"), r.text(poolNode, "description", "gcp.pool"));
        }
        FederationSpec.Provider provider = null;
        ObjectNode pn = r.object(gcp.get("provider"), "gcp.provider", PROVIDER);
        if (pn != null) {
            provider = new FederationSpec.Provider(r.text(pn, "id", "gcp.provider"), r.text(pn, "issuer", "gcp.provider"),
                    r.textList(pn, "audiences", "gcp.provider"), r.textMap(pn, "attributeMapping", "gcp.provider"),
                    r.text(pn, "attributeCondition", "gcp.provider"));
        }
        return new FederationSpec.Gcp(r.text(gcp, "project", "gcp"), pool, provider, serviceAccount(r, gcp, "gcp"),
                r.textList(gcp, "grant", "gcp"), r.textList(gcp, "projectRoles", "gcp"));
    }

    private static FederationSpec.ServiceAccount serviceAccount(SpecTreeReader r, ObjectNode parent, String path) {
        String p = SpecTreeReader.child(path, "serviceAccount");
        ObjectNode sa = r.object(parent.get("serviceAccount"), p, SERVICE_ACCOUNT);
        return sa == null ? null : new FederationSpec.ServiceAccount(r.text(sa, "id", p), orTrue(r.bool(sa, "create", p)));
    }

    /** A validator problem at or under a field the structural pass already reported says the same thing twice. */
    private static boolean shadowed(SpecProblem p, List<SpecProblem> structural) {
        for (SpecProblem s : structural) {
            String f = s.field();
            if (p.field().equals(f) || p.field().startsWith(f + ".") || p.field().startsWith(f + "[")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Jackson does not resolve YAML aliases in a tree: {@code *name} would silently become the text
     * "name". Refuse them (and merge keys built on them) instead of misreading the file.
     */
    private SpecProblem firstAlias(String fileField, String text) throws IOException {
        try (YAMLParser p = (YAMLParser) yaml.getFactory().createParser(text)) {
            while (p.nextToken() != null) {
                if (p.isCurrentAlias()) {
                    var loc = p.currentTokenLocation();
                    return SpecProblem.of(fileField, location(loc.getLineNr(), loc.getColumnNr()) + ": the alias *"
                            + p.getText() + " is not supported; write the value out", "the spec is well-formed YAML");
                }
            }
        }
        return null;
    }

    /** SnakeYAML's problem and where it is, plus the construct it was reading (its "context"). */
    private static String yamlDetail(MarkedYAMLException e) {
        Mark problem = e.getProblemMark();
        StringBuilder sb = new StringBuilder(location(problem.getLine() + 1, problem.getColumn() + 1)).append(": ")
                .append(firstLine(e.getProblem()));
        Mark context = e.getContextMark();
        if (e.getContext() != null && context != null) {
            sb.append(" (").append(firstLine(e.getContext())).append(" at ")
                    .append(location(context.getLine() + 1, context.getColumn() + 1)).append(')');
        }
        return sb.toString();
    }

    private static boolean isJson(String name, String text) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return true;
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return false;
        }
        String t = text.stripLeading();
        return t.startsWith("{") || t.startsWith("[");
    }

    private static int firstControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return i;
            }
        }
        return -1;
    }

    private static String position(String text, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return location(line, column);
    }

    private static String location(int line, int column) {
        return "line " + line + ", column " + column;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "cannot be parsed";
        }
        for (String line : message.split("\\R")) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return "cannot be parsed";
    }

    private static Result failed(SpecProblem problem) {
        return new Result(null, List.of(problem));
    }

    private static boolean orTrue(Boolean b) {
        return b == null || b;
    }

    private static boolean orFalse(Boolean b) {
        return b != null && b;
    }

    private static Set<String> keys(String... keys) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
    }

    /** For callers that hold parsed values already (the wizard): the known keys of each section. */
    public static Map<String, Set<String>> knownKeys() {
        return Map.of("", TOP, "gcp", GCP, "gcp.pool", POOL, "gcp.provider", PROVIDER, "serviceAccount", SERVICE_ACCOUNT,
                "environments[]", ENVIRONMENT, "gitlab", GITLAB, "gitlab.variables", VARIABLES, "dataflow", DATAFLOW);
    }
}
