package dev.wifdesk.sandbox.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.CiContract;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The sandbox project's .gitlab-ci.yml reads exactly the variables of the CI contract the runner reads. */
class CiConfigContractTest {

    @Test
    void theJobReadsTheContractsVariablesAndNoOthers() {
        assertThat(RepositoryFiles.CI_CONFIG).contains("aud: $" + CiContract.ID_TOKEN_AUD)
                .contains("create-cred-config \"${" + CiContract.PROVIDER + "}\"")
                .contains("--service-account=\"${" + CiContract.SERVICE_ACCOUNT + "}\"")
                .contains("${" + CiContract.DATAFLOW_TEMPLATE + "}").contains("${" + CiContract.DATAFLOW_REGION + "}")
                .contains("${" + CiContract.DATAFLOW_PROJECT + "}")
                // the worker runs as the runner's DATAFLOW_SERVICE_ACCOUNT, not the Compute default (WIF-FACTS #23)
                .contains("--service-account-email=\"${" + CiContract.DATAFLOW_SERVICE_ACCOUNT + "}\"")
                .contains("--staging-location=\"${" + CiContract.DATAFLOW_TEMP_LOCATION + "}\"");
        Matcher m = Pattern.compile("\\$\\{?((?:WIF|DATAFLOW)_[A-Z_]+)").matcher(RepositoryFiles.CI_CONFIG);
        while (m.find()) {
            assertThat(m.group(1)).isIn(CiContract.PROVIDER, CiContract.SERVICE_ACCOUNT, CiContract.ID_TOKEN_AUD,
                    CiContract.DATAFLOW_TEMPLATE, CiContract.DATAFLOW_REGION, CiContract.DATAFLOW_PROJECT,
                    CiContract.DATAFLOW_TEMP_LOCATION, CiContract.DATAFLOW_SERVICE_ACCOUNT);
        }
    }
}
