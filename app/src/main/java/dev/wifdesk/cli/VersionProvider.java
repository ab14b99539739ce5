package dev.wifdesk.cli;

import picocli.CommandLine;

/** The version from the jar manifest; "dev" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"wifdesk " + (v == null ? "dev" : v)};
    }
}
