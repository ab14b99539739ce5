package dev.wifdesk.diagnose;

import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cel.FederationEvaluator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Walks the stages STS and IAM walk (token, issuer, audience, mapping, condition, pool/provider
 * state, IAM binding), then the error text and the CI config, and collects findings with concrete
 * fixes. Pure: no I/O, no network; never throws on user data. A crash of its own (a bug) is not
 * thrown either, nor disguised as a finding about the input: it becomes an INTERNAL_ERROR finding.
 * Thread-safe.
 */
public final class DiagnosisEngine {
    /** The part named in an INTERNAL_ERROR finding when the error catalogue itself crashed. */
    static final String CATALOGUE = "error-catalogue";

    private final FederationEvaluator evaluator;
    private final ErrorCatalogue catalogue = new ErrorCatalogue();
    private final Clock clock;
    private final List<DiagnosisStage> stages;
    private final Function<String, List<ErrorMatch>> recogniser;

    public DiagnosisEngine() {
        this(new FederationEvaluator(new CelEngine()), Clock.systemUTC());
    }

    /** Shares the evaluator (and its compile cache) with the caller, e.g. the sandbox STS. */
    public DiagnosisEngine(FederationEvaluator evaluator, Clock clock) {
        this.evaluator = evaluator;
        this.clock = clock;
        this.stages = standardStages(catalogue);
        this.recogniser = catalogue::recognise;
    }

    /** For tests that make a part crash on purpose: other stages and another recogniser. */
    DiagnosisEngine(FederationEvaluator evaluator, Clock clock, List<DiagnosisStage> stages,
            Function<String, List<ErrorMatch>> recogniser) {
        this.evaluator = evaluator;
        this.clock = clock;
        this.stages = List.copyOf(stages);
        this.recogniser = recogniser;
    }

    /** The stages in the order STS and IAM walk them, then the error text and the CI config. */
    static List<DiagnosisStage> standardStages(ErrorCatalogue catalogue) {
        return List.of(new TokenStage(), new IssuerStage(), new AudienceStage(), new MappingStage(),
                new ConditionStage(), new PoolStage(), new BindingStage(), new ErrorTextStage(catalogue), new CiConfigStage());
    }

    public Diagnosis diagnose(DiagnosisInput input) {
        Instant now = input.now().orElseGet(clock::instant);
        Throwable[] catalogueCrash = new Throwable[1];
        List<ErrorMatch> matches = input.errorText().map(text -> {
            try {
                return recogniser.apply(text);
            } catch (RuntimeException | StackOverflowError e) {
                catalogueCrash[0] = e;
                return List.<ErrorMatch>of();
            }
        }).orElse(List.of());
        DiagnosisContext ctx = new DiagnosisContext(input, now, evaluator, matches);
        if (catalogueCrash[0] != null) {
            InternalFailure.report(ctx, CATALOGUE, catalogueCrash[0]);
        }
        List<StageResult> results = new ArrayList<>();
        for (DiagnosisStage stage : stages) {
            StageResult result = runSafely(stage, ctx);
            results.add(result);
            ctx.stageDone(result);
        }
        return new Diagnosis(results, ctx.findings());
    }

    /**
     * The catalogue errors found in a (long) job log, in order; used to diagnose recent failures.
     * A crash here gives no matches (the job then shows as "no federation error"); {@link #diagnose}
     * is where a catalogue crash becomes visible as INTERNAL_ERROR.
     */
    public List<ErrorMatch> findErrorTexts(String trace) {
        try {
            return recogniser.apply(trace);
        } catch (RuntimeException | StackOverflowError e) {
            return List.of();
        }
    }

    /**
     * A stage that crashes does not take the whole diagnosis with it: the other stages still run,
     * and the crash becomes an INTERNAL_ERROR finding (never a verdict on the user's data).
     */
    private static StageResult runSafely(DiagnosisStage stage, DiagnosisContext ctx) {
        try {
            return stage.run(ctx);
        } catch (RuntimeException | StackOverflowError e) {
            Stage which = stage.stage();
            InternalFailure.report(ctx, which.wireName(), e);
            return StageResult.skipped(which, "internal error: " + e.getClass().getSimpleName());
        }
    }
}
