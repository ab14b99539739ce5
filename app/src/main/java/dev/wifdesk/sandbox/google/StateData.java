package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.TreeMap;

/**
 * Everything the Google sandbox knows, as the JSON the APIs return; the shape of the persisted
 * snapshot. Only touched under {@link SandboxState}'s lock.
 */
final class StateData {
    /** project number -> Resource Manager v3 project JSON. */
    public TreeMap<String, ObjectNode> projects = new TreeMap<>();
    /** pool name (with project number) -> pool JSON. */
    public TreeMap<String, ObjectNode> pools = new TreeMap<>();
    /** provider name (with project number) -> provider JSON. */
    public TreeMap<String, ObjectNode> providers = new TreeMap<>();
    /** email -> service account JSON. */
    public TreeMap<String, ObjectNode> serviceAccounts = new TreeMap<>();
    /** key name (projects/P/serviceAccounts/EMAIL/keys/ID) -> user-managed key JSON (no private data). */
    public TreeMap<String, ObjectNode> keys = new TreeMap<>();
    /** resource ("projects/NUMBER" or a service account name) -> policy JSON with etag. */
    public TreeMap<String, ObjectNode> policies = new TreeMap<>();
    /** "projects/NUMBER/services/NAME" -> ENABLED or DISABLED. */
    public TreeMap<String, String> services = new TreeMap<>();
    /** operation name -> {name, resource, responseType, wrapField, doneAtMillis}. */
    public TreeMap<String, ObjectNode> operations = new TreeMap<>();
    /** job id -> Dataflow job JSON plus createdAtMillis. */
    public TreeMap<String, ObjectNode> jobs = new TreeMap<>();
    /** policy resource -> {"ROLE MEMBER [CONDITION]": epoch millis written}, kept only with an IAM propagation delay. */
    public TreeMap<String, ObjectNode> grantTimes = new TreeMap<>();
}
