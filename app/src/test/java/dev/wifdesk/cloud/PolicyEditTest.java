package dev.wifdesk.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.iam.v1.model.Binding;
import com.google.api.services.iam.v1.model.Expr;
import com.google.api.services.iam.v1.model.Policy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory edit step of the read-modify-write: never drops what isn't ours. */
class PolicyEditTest {
    private static final String WIU = "roles/iam.workloadIdentityUser";
    private static final String MEMBER = "principalSet://iam.googleapis.com/projects/1/locations/global/"
            + "workloadIdentityPools/p/attribute.project_path/acme/app";

    private static Policy policy() {
        List<Binding> bindings = new ArrayList<>();
        bindings.add(new Binding().setRole("roles/iam.serviceAccountUser").setMembers(List.of("user:a@example.com")));
        bindings.add(new Binding().setRole(WIU).setMembers(List.of("user:b@example.com"))
                .setCondition(new Expr().setExpression("request.time < timestamp('2030-01-01T00:00:00Z')")));
        return new Policy().setBindings(bindings).setEtag("BwX1").setVersion(1);
    }

    @Test
    void addKeepsEveryOtherBindingAndConditionalOnes() {
        Policy p = policy();
        assertThat(ServiceAccountPolicyEditor.edit(p, new PolicyChange("sa", WIU, MEMBER, true))).isTrue();
        assertThat(p.getBindings()).hasSize(3);
        assertThat(p.getBindings().get(0).getMembers()).containsExactly("user:a@example.com");
        assertThat(p.getBindings().get(1).getCondition()).isNotNull();
        assertThat(p.getBindings().get(1).getMembers()).containsExactly("user:b@example.com");
        assertThat(p.getBindings().get(2).getMembers()).containsExactly(MEMBER);
        assertThat(p.getEtag()).isEqualTo("BwX1");
        assertThat(p.getVersion()).isEqualTo(3);
    }

    @Test
    void addingAnExistingMemberIsNoChange() {
        Policy p = policy();
        ServiceAccountPolicyEditor.edit(p, new PolicyChange("sa", WIU, MEMBER, true));
        assertThat(ServiceAccountPolicyEditor.edit(p, new PolicyChange("sa", WIU, MEMBER, true))).isFalse();
    }

    @Test
    void removeTakesOnlyThatMember() {
        Policy p = policy();
        ServiceAccountPolicyEditor.edit(p, new PolicyChange("sa", WIU, MEMBER, true));
        assertThat(ServiceAccountPolicyEditor.edit(p, new PolicyChange("sa", WIU, MEMBER, false))).isTrue();
        assertThat(p.getBindings()).hasSize(2);
        assertThat(ServiceAccountPolicyEditor.edit(p, new PolicyChange("sa", "roles/iam.serviceAccountUser",
                "user:nobody@example.com", false))).isFalse();
    }
}
