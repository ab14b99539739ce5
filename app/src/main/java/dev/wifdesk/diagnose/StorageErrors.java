package dev.wifdesk.diagnose;

import dev.wifdesk.model.FindingCode;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cloud Storage refusals (#30, and #26 on a storage permission): one finding for the whole log,
 * its values gathered from every storage text in it (a template error names the path, the
 * sentence after it the principal and the permission). An anonymous caller is not one of them:
 * that is an authentication side effect ({@link KnownError#consequence()}).
 */
final class StorageErrors {
    private static final Set<KnownError> STORAGE = Set.of(KnownError.STORAGE_ACCESS_DENIED, KnownError.TEMPLATE_FAILED_TO_LOAD,
            KnownError.DEFAULT_TEMP_BUCKET_DENIED, KnownError.STAGED_PACKAGE_INACCESSIBLE, KnownError.WORKER_MISSING_PERMISSIONS);
    /** A bucket named in a resource or URL: gs://B, .../buckets/B, storage/v1/b/B. */
    private static final Pattern BUCKET_IN = Pattern.compile("(?:gs://|/buckets/|/storage/v1/b/)([a-z0-9][a-z0-9._-]{1,221}[a-z0-9])");

    private StorageErrors() {
    }

    static boolean isStorage(String permission) {
        return permission != null && permission.toLowerCase(Locale.ROOT).startsWith("storage.");
    }

    /** Explains {@code m} when it is a storage text; false when it is not. */
    static boolean explainIfStorage(DiagnosisContext ctx, ErrorMatch m) {
        if (m.error() == KnownError.WORKER_MISSING_PERMISSIONS || !STORAGE.contains(m.error())) {
            return false;
        }
        explain(ctx);
        return true;
    }

    static void explain(DiagnosisContext ctx) {
        if (ctx.has(FindingCode.STORAGE_PERMISSION_DENIED)) {
            return;
        }
        List<ErrorMatch> all = ctx.errorMatches().stream().filter(m -> STORAGE.contains(m.error()))
                .filter(m -> m.error() != KnownError.WORKER_MISSING_PERMISSIONS || isStorage(m.value("permission"))).toList();
        String who = who(all);
        String sa = first(all, "sa");
        if (sa == null) {
            sa = who.equals("worker") ? DataflowErrors.worker(ctx) : DataflowErrors.known(ctx.input().serviceAccount().orElse(null));
        }
        String permission = first(all, "permission");
        String bucket = bucket(ctx, all);
        boolean tempBucket = all.stream().anyMatch(m -> m.error() == KnownError.DEFAULT_TEMP_BUCKET_DENIED)
                || (permission != null && permission.startsWith("storage.buckets.create"));
        String shownSa = sa == null ? "SA_EMAIL" : sa;
        String member = (shownSa.endsWith(".gserviceaccount.com") || sa == null ? "serviceAccount:" : "user:") + shownSa;
        String catalogue = all.stream().anyMatch(m -> m.error() != KnownError.WORKER_MISSING_PERMISSIONS) ? "#30" : "#26";
        String role = tempBucket ? "roles/storage.admin" : roleFor(permission);
        String fix = tempBucket
                ? "Give the job a temp location in an existing bucket it may write (--temp-location=gs://YOUR_BUCKET/tmp; "
                + "the spec's dataflow.tempLocation), or let it create " + (bucket == null ? "the default one" : "gs://" + bucket)
                + ": "
                + DataflowErrors.grant(DataflowErrors.projectOf(ctx, sa), member, role)
                : "gcloud storage buckets add-iam-policy-binding gs://" + (bucket == null ? "BUCKET" : bucket) + " --member="
                + member + " --role=" + role;
        DataflowErrors.once(ctx, FindingCode.STORAGE_PERMISSION_DENIED, "Cloud Storage refused the " + who + " ("
                        + shownSa + ")" + (permission == null ? "" : " " + permission) + (bucket == null ? "" : " on bucket " + bucket)
                        + (tempBucket ? ": it may not create Dataflow's default temp bucket" : "") + ". "
                        + (who.equals("launcher") ? "The launcher stages files and reads the template. " : who.equals("worker")
                        ? "The workers read the staged files and write the temp location. " : "")
                        + "Grant the role on the bucket rather than on the project where you can.", fix,
                DiagnosisContext.evidence("catalogue", catalogue, "serviceAccount", sa, "permission", permission, "bucket", bucket,
                        "identity", who));
    }

    /** Who was refused: the worker (staged files, #26), the launcher (template, temp bucket), or not said. */
    private static String who(List<ErrorMatch> all) {
        for (ErrorMatch m : all) {
            switch (m.error()) {
                case WORKER_MISSING_PERMISSIONS, STAGED_PACKAGE_INACCESSIBLE -> {
                    return "worker";
                }
                case TEMPLATE_FAILED_TO_LOAD, DEFAULT_TEMP_BUCKET_DENIED -> {
                    return "launcher";
                }
                default -> {
                }
            }
        }
        return "caller";
    }

    private static String first(List<ErrorMatch> all, String name) {
        return all.stream().map(m -> DataflowErrors.known(m.value(name))).filter(v -> v != null).findFirst().orElse(null);
    }

    /** The bucket the texts name, else the first one the log mentions (the request URL, a gs:// path). */
    private static String bucket(DiagnosisContext ctx, List<ErrorMatch> all) {
        String named = first(all, "bucket");
        if (named != null) {
            return named;
        }
        String resource = first(all, "resource");
        for (String text : new String[] {resource, ctx.input().errorText().orElse(null)}) {
            if (text != null) {
                Matcher m = BUCKET_IN.matcher(text);
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return null;
    }

    /** The smallest predefined role with the permission refused. */
    static String roleFor(String permission) {
        if (permission == null) {
            return "roles/storage.objectAdmin";
        }
        String p = permission.toLowerCase(Locale.ROOT);
        if (p.startsWith("storage.buckets.")) {
            return "roles/storage.admin";
        }
        return p.equals("storage.objects.get") || p.equals("storage.objects.list") ? "roles/storage.objectViewer"
                : "roles/storage.objectAdmin";
    }
}
