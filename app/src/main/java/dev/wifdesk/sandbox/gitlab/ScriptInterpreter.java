package dev.wifdesk.sandbox.gitlab;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Interprets a job's script lines instead of executing them: the verification commands run what
 * they say with their arguments expanded ({@code gcloud iam workload-identity-pools
 * create-cred-config}, {@code gcloud auth login --cred-file}, {@code gcloud dataflow jobs run}),
 * {@code echo} and {@code printf} print (or write the job's workspace file they redirect to), variable assignments
 * set variables, and any other line is a trivial success. The first failing line fails the job,
 * as {@code set -e} would.
 */
final class ScriptInterpreter {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?");
    private static final Pattern ASSIGNMENT = Pattern.compile("(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)");
    /** Renders a variable reference as itself: splitting a line with it gives the words as written. */
    private static final Map<String, String> AS_WRITTEN = new AbstractMap<>() {
        @Override
        public Set<Entry<String, String>> entrySet() {
            return Set.of();
        }

        @Override
        public String getOrDefault(Object key, String fallback) {
            return "${" + key + "}";
        }
    };

    private final Map<String, String> variables;
    private final JobTrace trace;
    private final GcloudCommands gcloud;
    private final Map<String, String> workspace = new LinkedHashMap<>();

    ScriptInterpreter(Map<String, String> variables, JobTrace trace, GcloudCommands gcloud) {
        this.variables = new LinkedHashMap<>(variables);
        this.trace = trace;
        this.gcloud = gcloud;
    }

    void run(List<String> lines, Instant deadline) throws JobFailed {
        for (String line : lines) {
            trace.command(line);
            runLine(line.strip(), deadline);
        }
    }

    private void runLine(String line, Instant deadline) throws JobFailed {
        List<ShellWords.Word> words = ShellWords.split(line, variables);
        if (words.isEmpty()) {
            return;
        }
        Matcher assignment = ASSIGNMENT.matcher(line);
        if (assignment.matches() && words.size() <= 2) {
            List<ShellWords.Word> value = ShellWords.split(assignment.group(2), variables);
            variables.put(assignment.group(1), value.isEmpty() ? "" : value.get(0).text());
            return;
        }
        List<ShellWords.Word> written = ShellWords.split(line, AS_WRITTEN);
        String command = words.get(0).text();
        if (command.equals("echo")) {
            echo(words);
        } else if (command.equals("printf")) {
            printf(words);
        } else if (command.equals("gcloud")) {
            gcloud.run(new GcloudCommands.Invocation(words, written, variables), workspace, deadline);
        }
        // any other command: a trivial success (the sandbox runs no programs)
    }

    private void echo(List<ShellWords.Word> words) {
        Output out = Output.of(words);
        write(out, String.join(" ", out.arguments) + "\n");
    }

    /** {@code printf FORMAT ARGS...} with the {@code %s} conversions and the escapes a script uses. */
    private void printf(List<ShellWords.Word> words) {
        Output out = Output.of(words);
        if (out.arguments.isEmpty()) {
            return;
        }
        String format = out.arguments.get(0);
        StringBuilder text = new StringBuilder();
        int next = 1;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            char following = i + 1 < format.length() ? format.charAt(i + 1) : 0;
            if (c == '%' && following == 's') {
                text.append(next < out.arguments.size() ? out.arguments.get(next++) : "");
                i++;
            } else if (c == '%' && following == '%' || c == '\\' && following == '\\') {
                text.append(c);
                i++;
            } else if (c == '\\' && (following == 'n' || following == 't')) {
                text.append(following == 'n' ? '\n' : '\t');
                i++;
            } else {
                text.append(c);
            }
        }
        write(out, text.toString());
    }

    /** Prints the text (one trace line per line) or writes it to the file the command redirects to. */
    private void write(Output out, String text) {
        if (out.target == null) {
            text.lines().forEach(trace::line);
        } else {
            String before = out.append ? workspace.getOrDefault(out.target, "") : "";
            workspace.put(out.target, before + text);
        }
    }

    /** A printing command's arguments and its {@code > FILE} / {@code >> FILE} redirect. */
    private record Output(List<String> arguments, String target, boolean append) {
        static Output of(List<ShellWords.Word> words) {
            List<String> arguments = new ArrayList<>();
            String target = null;
            boolean append = false;
            for (int i = 1; i < words.size(); i++) {
                ShellWords.Word w = words.get(i);
                if (w.redirect() && i + 1 < words.size()) {
                    append = w.text().equals(">>");
                    target = words.get(++i).text();
                } else if (!w.redirect()) {
                    arguments.add(w.text());
                }
            }
            return new Output(arguments, target, append);
        }
    }

    /** The variables a word as written refers to ({@code "${WIF_PROVIDER}"} -> WIF_PROVIDER). */
    static List<String> references(String written) {
        return REFERENCE.matcher(written).results().map(m -> m.group(1)).toList();
    }
}
