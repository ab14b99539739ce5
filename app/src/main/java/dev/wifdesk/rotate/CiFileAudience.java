package dev.wifdesk.rotate;

import dev.wifdesk.plan.Action;
import dev.wifdesk.plan.CiConfigFile;
import dev.wifdesk.plan.FieldDiff;
import dev.wifdesk.plan.Outcome;
import dev.wifdesk.plan.Step;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.models.MergeRequest;
import org.gitlab4j.api.models.MergeRequestParams;
import org.gitlab4j.models.Constants;

/**
 * A {@code .gitlab-ci.yml} that spells the provider's default audience out (the {@code aud} is the
 * provider's own name, so it changes with the pool): the switch proposes, by merge request, the file
 * with the old audience replaced by the new one (only those characters change: every other line and
 * job stays as written). A rollback reverses it by another merge request only when that one was
 * merged; an unmerged one it closes. Each comes with an info finding that names the merge request.
 */
final class CiFileAudience {
    static final String STEP = "ci-file-audience";
    static final String SWITCH_BRANCH = "wifdesk/rotate-audience-";
    static final String ROLLBACK_BRANCH = "wifdesk/rollback-audience-";

    /** A step of the phase and the finding that explains it. */
    record Planned(Step step, RotationFinding finding) {
    }

    /** Where the file lives and the two audiences ({@code //iam.googleapis.com/...}, with or without {@code https:}). */
    record Scope(String project, String ref, String oldAudience, String newAudience, String newPoolId) {
    }

    private CiFileAudience() {
    }

    /** {@code text} with each {@code from} that is not the start of a longer id replaced by {@code to}. */
    static String replace(String text, String from, String to) {
        return pattern(from).matcher(text).replaceAll(Matcher.quoteReplacement(to));
    }

    static boolean names(String text, String audience) {
        return pattern(audience).matcher(text).find();
    }

    /** Each way {@code text} spells {@code audience} out ({@code https:} + it, or it bare), as written, in order of first use. */
    static List<String> spellings(String text, String audience) {
        Matcher m = Pattern.compile("(?:https:)?" + pattern(audience).pattern()).matcher(text);
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        while (m.find()) {
            out.add(m.group());
        }
        return List.copyOf(out);
    }

    private static Pattern pattern(String audience) {
        return Pattern.compile(Pattern.quote(audience) + "(?![A-Za-z0-9_-])");
    }

    /**
     * Switch: when the file on the ref names the old audience, a merge request that moves it to the new
     * one. {@code bridged}: the new provider accepts the old audience too until then ({@link BridgeAudience}).
     */
    static Optional<Planned> forSwitch(GitLabApi gitlab, Scope s, boolean bridged) throws IOException {
        Optional<String> onRef = CiConfigFile.read(gitlab, s.project(), s.ref());
        if (onRef.isEmpty() || !names(onRef.get(), s.oldAudience())) {
            return Optional.empty();
        }
        String branch = SWITCH_BRANCH + s.newPoolId();
        CiConfigFile.Proposal p = new CiConfigFile.Proposal(branch, "Ask for the audience of " + s.newPoolId()
                + " in id_tokens (pool rotation)", "WIF Desk: id_tokens audience of the rotated pool " + s.newPoolId(),
                "The CI/CD variables now name the provider of " + s.newPoolId() + ", whose default audience is "
                        + s.newAudience() + ". This replaces the old audience " + s.oldAudience() + " in " + CiConfigFile.PATH
                        + "; nothing else in the file changes.", "audience -> " + s.newPoolId());
        Step step = proposal(gitlab, s, p, onRef.get(), s.oldAudience(), s.newAudience(), "switch");
        String mr = describe(gitlab, s, branch);
        return Optional.of(new Planned(step, new RotationFinding(RotationFinding.CI_FILE_OLD_AUDIENCE, "info",
                CiConfigFile.PATH + " on " + s.ref() + " names the old provider's audience " + s.oldAudience()
                        + " literally; the switch proposes " + mr + " replacing it with " + s.newAudience()
                        + (bridged ? ". Until it is merged, the new provider accepts the old audience too (the bridge"
                        + " audience prepare added; retire removes it once the file no longer names the old audience)"
                        : ". Until it is merged, a job asking for the old audience is refused by the new provider"),
                "merge " + mr + " right after the switch (or ask for aud: $WIF_ID_TOKEN_AUD in id_tokens: the switch"
                        + " moves that variable)" + (bridged ? "" : "; or run --phase prepare again before the switch:"
                        + " it lets the new provider accept the old audience too until the merge"))));
    }

    /**
     * Rollback: the switch's merge request merged, a merge request that puts the old audience back;
     * still open, it is closed (the file on the ref never changed); closed or never made, nothing.
     */
    static Optional<Planned> forRollback(GitLabApi gitlab, Scope s) throws IOException {
        String switchBranch = SWITCH_BRANCH + s.newPoolId();
        Optional<MergeRequest> made = CiConfigFile.lastMergeRequest(gitlab, s.project(), switchBranch, s.ref());
        if (made.isEmpty()) {
            return Optional.empty();
        }
        MergeRequest mr = made.get();
        String name = "merge request !" + mr.getIid() + " (" + switchBranch + " -> " + s.ref() + ", " + mr.getWebUrl() + ")";
        if ("opened".equals(mr.getState())) {
            Step close = new Step(STEP, Action.UPDATE, s.project() + ":!" + mr.getIid(), "Close " + name + ": not merged,"
                    + " so " + CiConfigFile.PATH + " on " + s.ref() + " still asks for the old audience the rollback restores",
                    List.of(new FieldDiff("merge request !" + mr.getIid() + " state", "opened", "closed")),
                    "gitlab merge_requests update (state_event close)", "glab mr close " + mr.getIid() + " --repo " + s.project(),
                    List.of(), c -> close(c, s.project(), mr.getIid()));
            return Optional.of(new Planned(close, new RotationFinding(RotationFinding.CI_FILE_OLD_AUDIENCE, "info",
                    "The switch's " + name + " was not merged: the rollback closes it; " + CiConfigFile.PATH
                            + " keeps the old audience", "none")));
        }
        Optional<String> onRef = CiConfigFile.read(gitlab, s.project(), s.ref());
        if (!"merged".equals(mr.getState()) || onRef.isEmpty() || !names(onRef.get(), s.newAudience())) {
            return Optional.empty();
        }
        String branch = ROLLBACK_BRANCH + s.newPoolId();
        CiConfigFile.Proposal p = new CiConfigFile.Proposal(branch, "Ask for the audience of the old pool again in"
                + " id_tokens (rollback of " + s.newPoolId() + ")", "WIF Desk: id_tokens audience back to the old pool"
                + " (rollback of " + s.newPoolId() + ")", "The CI/CD variables name the old provider again after a rollback."
                + " This puts its audience " + s.oldAudience() + " back in place of " + s.newAudience() + " in "
                + CiConfigFile.PATH + "; nothing else in the file changes.", "audience -> old pool");
        Step step = proposal(gitlab, s, p, onRef.get(), s.newAudience(), s.oldAudience(), "rollback");
        String reverse = describe(gitlab, s, branch);
        return Optional.of(new Planned(step, new RotationFinding(RotationFinding.CI_FILE_OLD_AUDIENCE, "info",
                "The switch's " + name + " was merged: the rollback proposes " + reverse + " putting the old audience "
                        + s.oldAudience() + " back. Until it is merged, a job asking for " + s.newAudience()
                        + " is refused by the old provider", "merge " + reverse + " right after the rollback")));
    }

    /** The merge request step from {@code from} to {@code to}: planned on the file as read, applied on the file as it is then. */
    private static Step proposal(GitLabApi gitlab, Scope s, CiConfigFile.Proposal p, String text, String from, String to,
                                 String phase) throws IOException {
        String edited = replace(text, from, to);
        Action action = CiConfigFile.proposalAction(gitlab, s.project(), s.ref(), p, edited);
        return new Step(STEP, action, s.project() + ":" + CiConfigFile.PATH, "The id_tokens audience in " + CiConfigFile.PATH
                + " of " + s.ref() + " for the " + phase + ", on branch " + p.branch() + " with a merge request into "
                + s.ref() + " (only the audience changes; every other job stays as written)", lines(text, edited),
                action == Action.NONE ? "" : "gitlab repository files/branches/merge_requests", "", List.of(), c -> {
                    String now = CiConfigFile.read(c.requireGitLab(), s.project(), s.ref()).orElse("");
                    return names(now, from) ? CiConfigFile.propose(c, s.project(), s.ref(), p, replace(now, from, to))
                            : Outcome.ALREADY_EXISTS;
                });
    }

    /** The lines the edit changes, numbered as in the file. */
    private static List<FieldDiff> lines(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        List<FieldDiff> out = new ArrayList<>();
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (!a[i].equals(b[i])) {
                out.add(new FieldDiff(CiConfigFile.PATH + ":" + (i + 1), a[i].strip(), b[i].strip()));
            }
        }
        return out;
    }

    /** The switch's merge request, as {@link #describe} names it. */
    static String switchMergeRequest(GitLabApi gitlab, Scope s) throws IOException {
        return describe(gitlab, s, SWITCH_BRANCH + s.newPoolId());
    }

    /** "merge request !IID (URL)" when it is open already, else "a merge request BRANCH -> REF". */
    private static String describe(GitLabApi gitlab, Scope s, String branch) throws IOException {
        return CiConfigFile.lastMergeRequest(gitlab, s.project(), branch, s.ref()).filter(m -> "opened".equals(m.getState()))
                .map(m -> "merge request !" + m.getIid() + " (" + branch + " -> " + s.ref() + ", " + m.getWebUrl() + ")")
                .orElse("a merge request " + branch + " -> " + s.ref());
    }

    private static Outcome close(dev.wifdesk.plan.ChangeContext c, String project, long iid) throws Exception {
        GitLabApi gitlab = c.requireGitLab();
        MergeRequest now = gitlab.getMergeRequestApi().getMergeRequest(project, iid);
        if (!"opened".equals(now.getState())) {
            return Outcome.ALREADY_EXISTS;
        }
        c.audited().call("gitlab.merge_requests.update", project, "!" + iid + " state_event close",
                () -> gitlab.getMergeRequestApi().updateMergeRequest(project, iid,
                        new MergeRequestParams().withStateEvent(Constants.StateEvent.CLOSE)));
        return Outcome.UPDATED;
    }
}
