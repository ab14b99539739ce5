package dev.wifdesk.sandbox.gitlab;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Mints GitLab CI ID tokens with GitLab's full claim set: ids as strings, booleans as the
 * strings "true"/"false", environment claims only when the job declares an environment,
 * {@code nbf} a few seconds before {@code iat}, lifetime = the job timeout.
 */
final class IdTokenMinter {
    static final long RUNNER_ID = 1;
    static final String RUNNER_ENVIRONMENT = "self-hosted";

    private final SigningKey key;
    private final String issuer;
    private final Clock clock;

    IdTokenMinter(SigningKey key, String issuer, Clock clock) {
        this.key = key;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** Everything the token describes, resolved by the caller from the store. */
    record Subject(SandboxProject jobProject, SandboxProject sourceProject, String sourceProjectPath,
                   SandboxUser user, SandboxProject.Ref ref, long pipelineId, long jobId) {
    }

    JWTClaimsSet claims(Subject s, IdTokenRequest request) {
        Instant iat = request.issuedAt() != null ? request.issuedAt() : clock.instant();
        Instant exp = iat.plus(request.lifetime());
        SandboxProject source = s.sourceProject();
        String projectPath = s.sourceProjectPath();
        String namespacePath = namespaceOf(projectPath);
        String jobProjectPath = request.forkProjectPath() == null && request.projectPath() != null
                ? request.projectPath() : s.jobProject().pathWithNamespace();
        SandboxProject.Ref ref = s.ref();

        String sub = request.subjectFormat() == IdTokenRequest.SubjectFormat.PROJECT_ID
                ? "project_id:" + source.id() + ":ref_type:" + ref.type().claim() + ":ref:" + ref.name()
                : "project_path:" + projectPath + ":ref_type:" + ref.type().claim() + ":ref:" + ref.name();

        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .claim("namespace_id", Long.toString(source.namespaceId()))
                .claim("namespace_path", namespacePath)
                .claim("project_id", Long.toString(source.id()))
                .claim("project_path", projectPath)
                .claim("user_id", Long.toString(s.user().id()))
                .claim("user_login", s.user().username())
                .claim("user_email", s.user().email())
                .claim("user_access_level", s.user().accessLevel().claim())
                .claim("pipeline_id", Long.toString(s.pipelineId()))
                .claim("pipeline_source", request.pipelineSource())
                .claim("job_id", Long.toString(s.jobId()))
                .claim("ref", ref.name())
                .claim("ref_type", ref.type().claim())
                .claim("ref_path", ref.type().refPath(ref.name()))
                .claim("ref_protected", Boolean.toString(ref.isProtected()));
        IdTokenRequest.Environment env = request.environment();
        if (env != null) {
            b.claim("environment", env.name())
                    .claim("environment_protected", Boolean.toString(env.isProtected()))
                    .claim("deployment_tier", env.tier())
                    .claim("environment_action", env.action());
        }
        b.claim("runner_id", RUNNER_ID)
                .claim("runner_environment", RUNNER_ENVIRONMENT)
                .claim("sha", ref.sha())
                .claim("project_visibility", source.visibility())
                .claim("ci_config_ref_uri", URI.create(issuer).getHost() + "/" + jobProjectPath
                        + "//.gitlab-ci.yml@" + ref.type().refPath(ref.name()))
                .claim("ci_config_sha", ref.sha())
                .claim("job_project_id", Long.toString(s.jobProject().id()))
                .claim("job_project_path", jobProjectPath)
                .claim("job_namespace_id", Long.toString(s.jobProject().namespaceId()))
                .claim("job_namespace_path", namespaceOf(jobProjectPath))
                .jwtID(UUID.randomUUID().toString())
                .issuer(issuer)
                .issueTime(Date.from(iat))
                .notBeforeTime(Date.from(iat.minusSeconds(5)))
                .expirationTime(Date.from(exp))
                .subject(sub);
        if (request.audiences().size() > 1) {
            b.audience(request.audiences());
        } else {
            b.audience(request.audience());
        }
        return b.build();
    }

    String sign(JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.keyId())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(key.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the ID token", e);
        }
        return jwt.serialize();
    }

    private static String namespaceOf(String projectPath) {
        int slash = projectPath.lastIndexOf('/');
        return slash < 0 ? "" : projectPath.substring(0, slash);
    }
}
