package dev.wifdesk.rotate;

import com.google.api.services.iam.v1.model.Oidc;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.model.SpecProblem;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.plan.Action;
import dev.wifdesk.plan.FieldDiff;
import dev.wifdesk.plan.IamResources;
import dev.wifdesk.plan.Outcome;
import dev.wifdesk.plan.Step;
import dev.wifdesk.plan.setup.SetupStepIds;
import dev.wifdesk.plan.CiConfigFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gitlab4j.api.GitLabApi;

/**
 * The bridge audience. With the provider's default audience, a {@code .gitlab-ci.yml} that spells
 * the old provider's audience out keeps asking for it after the switch until the switch's merge
 * request is merged, and the new provider would refuse it (WIF-FACTS #1). So prepare gives the new
 * provider allowed audiences: first its own default audience as the jobs ask for it
 * ({@code https://iam.googleapis.com/...}, what {@code WIF_ID_TOKEN_AUD} holds, so that variable
 * does not change), then the old audience exactly as the file spells it. Once allowed audiences are
 * set the default audience is no longer accepted by itself, hence the first entry. The old provider
 * accepts the same tokens today, so the bridge admits no one new. Retire removes it (the provider
 * back to its default audience) once the file on the ref no longer names the old audience.
 */
final class BridgeAudience {
    static final String REMOVE_STEP = "remove-bridge-audience";

    private BridgeAudience() {
    }

    /**
     * What prepare wants on the new provider: {@code audiences} empty (its default audience, mirrored from
     * the old one) or the bridge; {@code asked} when the file on the ref names the old audience now.
     */
    record Wanted(List<String> audiences, boolean asked) {
        static final Wanted NONE = new Wanted(List.of(), false);
    }

    /**
     * At prepare, the bridge while the file on the ref spells the old audience out; else (the file no
     * longer does, or a later phase re-plans prepare's steps) the bridge the new provider has is kept:
     * only retire removes it, so a re-run of prepare or switch plans nothing, and a file that names the
     * old audience only after prepare does not block the switch (its finding says so). None when the old
     * provider has allowed audiences of its own (then they are mirrored).
     */
    static Wanted wanted(GitLabApi gitlab, CiFileAudience.Scope s, WorkloadIdentityPoolProvider oldProvider,
                         boolean atPrepare, Optional<WorkloadIdentityPoolProvider> newProvider) throws IOException {
        if (!allowedAudiences(oldProvider).isEmpty()) {
            return Wanted.NONE;
        }
        List<String> spelled = !atPrepare ? List.of() : CiConfigFile.read(gitlab, s.project(), s.ref())
                .map(text -> CiFileAudience.spellings(text, s.oldAudience())).orElse(List.of());
        if (!spelled.isEmpty()) {
            return new Wanted(audiences(s, spelled), true);
        }
        List<String> live = newProvider.map(BridgeAudience::allowedAudiences).orElse(List.of());
        return isBridge(live, s) ? new Wanted(live, false) : Wanted.NONE;
    }

    /**
     * Prepare's steps and findings with the bridge: the provider step's {@code oidc.allowedAudiences} diff
     * gets its reason, and while the file names the old audience, an info finding. {@code WIF_ID_TOKEN_AUD}
     * must stay the new default audience (the bridge's first entry), or jobs that ask for it would be refused.
     */
    static void explain(GitLabApi gitlab, CiFileAudience.Scope s, Wanted bridge, SetupValues newValues, List<Step> steps,
                        List<RotationFinding> findings) throws IOException {
        if (!newValues.idTokenAudience().equals(newAudience(s))) {
            throw new IllegalStateException("the bridge would move WIF_ID_TOKEN_AUD to " + newValues.idTokenAudience());
        }
        String mr = CiFileAudience.switchMergeRequest(gitlab, s);
        steps.replaceAll(st -> st.id().equals(SetupStepIds.PROVIDER) && st.diff().stream()
                .anyMatch(d -> d.field().equals("oidc.allowedAudiences")) ? new Step(st.id(), st.action(), st.resource(),
                st.description() + "; " + reason(mr), st.diff(), st.apiCall(), st.gcloud(), st.dependsOn(), st.change()) : st);
        if (bridge.asked()) {
            findings.add(prepared(s, bridge.audiences(), mr));
        }
    }

    /** The new provider's default audience in the form the jobs ask for it: the bridge's first entry. */
    static String newAudience(CiFileAudience.Scope s) {
        return "https:" + s.newAudience();
    }

    /** The bridge for the old audience spelled as in {@code spellings} (from {@link CiFileAudience#spellings}). */
    static List<String> audiences(CiFileAudience.Scope s, List<String> spellings) {
        List<String> out = new ArrayList<>(List.of(newAudience(s)));
        spellings.stream().filter(a -> !out.contains(a)).forEach(out::add);
        return List.copyOf(out);
    }

    /** True when {@code allowed} (the new provider's allowed audiences) is a bridge that prepare made for {@code s}. */
    static boolean isBridge(List<String> allowed, CiFileAudience.Scope s) {
        return allowed.size() >= 2 && allowed.get(0).equals(newAudience(s)) && allowed.subList(1, allowed.size()).stream()
                .allMatch(a -> a.equals(s.oldAudience()) || a.equals("https:" + s.oldAudience()));
    }

    static List<String> allowedAudiences(WorkloadIdentityPoolProvider p) {
        return p == null || p.getOidc() == null || p.getOidc().getAllowedAudiences() == null ? List.of()
                : p.getOidc().getAllowedAudiences();
    }

    /** The reason the provider step of prepare shows next to its {@code oidc.allowedAudiences} diff. */
    private static String reason(String mergeRequest) {
        return "bridge: accepts the old audience the committed " + CiConfigFile.PATH
                + " asks for until " + mergeRequest + " is merged";
    }

    /** Prepare's finding: what the bridge is, why, and when it goes. */
    private static RotationFinding prepared(CiFileAudience.Scope s, List<String> bridge, String mergeRequest) {
        return new RotationFinding(RotationFinding.BRIDGE_AUDIENCE, "info", CiConfigFile.PATH + " on "
                + s.ref() + " asks for the old provider's audience " + String.join(" and ", bridge.subList(1, bridge.size()))
                + " literally: the new provider " + s.newPoolId() + " gets the allowed audiences " + bridge
                + " (its own default audience first, so WIF_ID_TOKEN_AUD stays " + bridge.get(0) + "), so such a job"
                + " keeps passing after the switch until " + mergeRequest + " is merged",
                "merge the switch's merge request; retire then removes the bridge (the provider back to its default audience)");
    }

    /** What retire does with the bridge: its removal (with an info finding), or none and a warning that it stays. */
    record Retire(Optional<Step> removal, RotationFinding finding) {
    }

    /**
     * Retire: once the file on the ref no longer names the old audience (the switch's merge request was
     * merged), the step that removes the bridge; while it still does, the bridge stays. Empty when the
     * new provider has no bridge.
     */
    static Optional<Retire> forRetire(GitLabApi gitlab, CiFileAudience.Scope s, WorkloadIdentityPoolProvider newProvider)
            throws IOException {
        if (newProvider == null || !isBridge(allowedAudiences(newProvider), s)) {
            return Optional.empty();
        }
        boolean asked = CiConfigFile.read(gitlab, s.project(), s.ref()).map(t -> CiFileAudience.names(t, s.oldAudience()))
                .orElse(false);
        if (asked) {
            return Optional.of(new Retire(Optional.empty(), kept(s, CiFileAudience.switchMergeRequest(gitlab, s))));
        }
        return Optional.of(new Retire(Optional.of(remove(newProvider, s)), new RotationFinding(RotationFinding.BRIDGE_AUDIENCE,
                "info", CiConfigFile.PATH + " on " + s.ref() + " no longer names the old audience " + s.oldAudience()
                + ": retire removes the bridge, the new provider " + s.newPoolId() + " is back to its default audience "
                + newAudience(s) + " (a job still asking for the old audience would be refused)", "none")));
    }

    /** Retire's finding when the file still names the old audience: the bridge stays, the old pool may still go. */
    private static RotationFinding kept(CiFileAudience.Scope s, String mergeRequest) {
        return new RotationFinding(RotationFinding.BRIDGE_AUDIENCE, "warning", CiConfigFile.PATH + " on "
                + s.ref() + " still asks for the old audience " + s.oldAudience() + ": retire keeps the bridge on the new"
                + " provider " + s.newPoolId() + ", so those jobs keep passing. The old pool can still be retired (the"
                + " bridge lives on the new provider, not the old one)",
                "merge " + mergeRequest + ", then run --phase retire again to remove the bridge");
    }

    /** Retire's step: the new provider back to no allowed audiences, i.e. its default audience. */
    private static Step remove(WorkloadIdentityPoolProvider provider, CiFileAudience.Scope s) {
        String name = provider.getName();
        List<String> now = allowedAudiences(provider);
        return new Step(REMOVE_STEP, Action.UPDATE, name, "Remove the bridge audience from the new provider "
                + PoolReader.idOf(name) + ": " + CiConfigFile.PATH + " on " + s.ref()
                + " no longer names the old audience, so the provider is back to its default audience",
                List.of(new FieldDiff("oidc.allowedAudiences", String.join(", ", now), "")),
                "iam.projects.locations.workloadIdentityPools.providers.patch",
                // gcloud's update-oidc has no flag that empties the list: the same PATCH through the REST API
                "curl -X PATCH -H \"Authorization: Bearer $(gcloud auth print-access-token)\" -H"
                        + " \"Content-Type: application/json\" -d '{\"oidc\":{}}'"
                        + " \"https://iam.googleapis.com/v1/" + name + "?updateMask=oidc.allowed_audiences\"",
                List.of(), c -> {
                    var providers = c.google().iam().projects().locations().workloadIdentityPools().providers();
                    WorkloadIdentityPoolProvider live = providers.get(name).execute();
                    if (!isBridge(allowedAudiences(live), s)) {
                        return Outcome.ALREADY_EXISTS; // removed already, or changed by someone else: not ours to clear
                    }
                    Oidc oidc = live.getOidc().clone().setAllowedAudiences(null);
                    return IamResources.updateProvider(c, name, live.clone().setOidc(oidc));
                });
    }
}
