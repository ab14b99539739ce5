package dev.wifdesk.diagnose;

import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cel.FederationEvaluator;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the stages STS and IAM walk (token, issuer, audience, mapping, condition, pool/provider
 * state, IAM binding), then the error text and the CI config, and collects findings with concrete
 * fixes. Pure: no I/O, no network; never throws on user data. Thread-safe.
 */
public final class DiagnosisEngine {
    private final FederationEvaluator evaluator;
    private final ErrorCatalogue catalogue = new ErrorCatalogue();
    private final Clock clock;
    private final List<DiagnosisStage> stages;

    public DiagnosisEngine() {
        this(new FederationEvaluator(new CelEngine()), Clock.systemUTC());
    }

    /** Shares the evaluator (and its compile cache) with the caller, e.g. the sandbox STS. */
    public DiagnosisEngine(FederationEvaluator evaluator, Clock clock) {
        this.evaluator = evaluator;
        this.clock = clock;
        this.stages = List.of(new TokenStage(), new IssuerStage(), new AudienceStage(), new MappingStage(),
                new ConditionStage(), new PoolStage(), new BindingStage(), new ErrorTextStage(catalogue), new CiConfigStage());
    }

    public Diagnosis diagnose(DiagnosisInput input) {
        Instant now = input.now().orElseGet(clock::instant);
        List<ErrorMatch> matches = input.errorText().map(this::safeRecognise).orElse(List.of());
        DiagnosisContext ctx = new DiagnosisContext(input, now, evaluator, matches);
        List<StageResult> results = new ArrayList<>();
        for (DiagnosisStage stage : stages) {
            results.add(runSafely(stage, ctx));
        }
        return new Diagnosis(results, ctx.findings());
    }

    /** The catalogue errors found in a (long) job log, in order; used to diagnose recent failures. */
    public List<ErrorMatch> findErrorTexts(String trace) {
        return safeRecognise(trace);
    }

    private List<ErrorMatch> safeRecognise(String text) {
        try {
            return catalogue.recognise(text);
        } catch (RuntimeException | StackOverflowError e) {
            return List.of();
        }
    }

    /** A stage that trips over odd data reports it instead of failing the whole diagnosis. */
    private static StageResult runSafely(DiagnosisStage stage, DiagnosisContext ctx) {
        try {
            return stage.run(ctx);
        } catch (RuntimeException | StackOverflowError e) {
            Stage which = stageOf(stage);
            ctx.add(which == Stage.TOKEN ? FindingCode.TOKEN_MALFORMED : FindingCode.ERROR_UNRECOGNIZED, Severity.WARNING,
                    "The " + which.wireName() + " check could not run on this input (" + e.getClass().getSimpleName() + ").",
                    "Check the input given for this stage.", DiagnosisContext.evidence("stage", which.wireName()));
            return StageResult.skipped(which, "could not run: " + e.getClass().getSimpleName());
        }
    }

    private static Stage stageOf(DiagnosisStage stage) {
        if (stage instanceof TokenStage) {
            return Stage.TOKEN;
        } else if (stage instanceof IssuerStage) {
            return Stage.ISSUER;
        } else if (stage instanceof AudienceStage) {
            return Stage.AUDIENCE;
        } else if (stage instanceof MappingStage) {
            return Stage.MAPPING;
        } else if (stage instanceof ConditionStage) {
            return Stage.CONDITION;
        } else if (stage instanceof PoolStage) {
            return Stage.POOL;
        } else if (stage instanceof BindingStage) {
            return Stage.BINDING;
        } else if (stage instanceof ErrorTextStage) {
            return Stage.ERROR_TEXT;
        }
        return Stage.CI_CONFIG;
    }
}
