package dev.wifdesk.cli;

import dev.wifdesk.cloud.ClientErrors;
import picocli.CommandLine;

/** Unknown or bad options: one line on stderr, a pointer to --help, exit code 2. */
final class OneLineParameterErrors implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        // picocli quotes the offending argument: a token given as an argument must not be printed back
        cmd.getErr().println("wifdesk: " + ClientErrors.joined(ex.getMessage(), "bad option")
                + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        return WifdeskCommand.EXIT_BAD_INPUT;
    }
}
