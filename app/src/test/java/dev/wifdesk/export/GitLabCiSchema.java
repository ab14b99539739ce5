package dev.wifdesk.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * GitLab's own {@code .gitlab-ci.yml} JSON schema (shared/data/gitlab-ci-schema.json, found beside
 * the repository or one of its parents), through networknt's validator.
 */
public final class GitLabCiSchema {
    private static JsonSchema schema;

    private GitLabCiSchema() {
    }

    /** The schema's complaints about {@code yaml}; empty when the file is valid. */
    public static Set<ValidationMessage> validate(String yaml) throws IOException {
        JsonNode doc = new YAMLMapper().readTree(yaml);
        return schema().validate(doc);
    }

    /** A verbatim copy of shared/data/gitlab-ci-schema.json (the clean clone CI builds has no shared/). */
    private static final String RESOURCE = "/gitlab/gitlab-ci-schema.json";

    private static synchronized JsonSchema schema() throws IOException {
        if (schema == null) {
            try (var in = GitLabCiSchema.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the test resources");
                }
                JsonNode node = new ObjectMapper().readTree(in);
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(node);
            }
        }
        return schema;
    }
}
