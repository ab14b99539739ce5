package dev.wifdesk.ui.core;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/** Every FXML of the app, in one place; navigation sections carry their nav label key and glyph. */
public enum View {
    MAIN_WINDOW("main_window.fxml", null, null),
    SETUP_WIZARD("setup_wizard.fxml", "nav.setup", MaterialDesignF.FLASH),
    VERIFY("verify.fxml", "nav.verify", MaterialDesignC.CHECK_DECAGRAM),
    DIAGNOSTICS("diagnostics.fxml", "nav.diagnostics", MaterialDesignS.STETHOSCOPE),
    ROTATION("rotation.fxml", "nav.rotation", MaterialDesignR.ROTATE_3D_VARIANT),
    KEYS("keys.fxml", "nav.keys", MaterialDesignK.KEY_REMOVE),
    ACTIVITY_LOG("activity_log.fxml", "nav.activityLog", MaterialDesignT.TEXT_BOX_SEARCH_OUTLINE),
    // the Diagnostics panels, loaded by fx:include from diagnostics.fxml (not sections)
    DIAGNOSTICS_INPUTS("diagnostics_inputs.fxml", null, null),
    DIAGNOSTICS_SAMPLE("diagnostics_sample.fxml", null, null),
    DIAGNOSTICS_PICKER("diagnostics_picker.fxml", null, null),
    DIAGNOSTICS_EXCHANGE("diagnostics_exchange.fxml", null, null),
    DIAGNOSTICS_FAILURES("diagnostics_failures.fxml", null, null),
    DIAGNOSTICS_RESULTS("diagnostics_results.fxml", null, null);

    private final String fxml;
    private final String navKey;
    private final Ikon glyph;

    View(String fxml, String navKey, Ikon glyph) {
        this.fxml = fxml;
        this.navKey = navKey;
        this.glyph = glyph;
    }

    /** Classpath location of the FXML (the pom copies fxml/ to /fxml). */
    public String resource() {
        return "/fxml/" + fxml;
    }

    public boolean isSection() {
        return navKey != null;
    }

    public String navKey() {
        return navKey;
    }

    public Ikon glyph() {
        return glyph;
    }

    /** Stable node id of the section's nav button, for tests and styling. */
    public String navId() {
        return "nav-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
