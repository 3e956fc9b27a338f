import AnalysisController
import KubeAPI
import Testing

/// Validation, arguments and templates: what a run's spec must satisfy before anything is measured.
@Suite struct RunSpecificationTests {
    struct ValidationRow: Sendable, CustomTestStringConvertible {
        var name: String
        var metric: Metric
        var problem: String?
        var testDescription: String { name }
    }

    static let validation: [ValidationRow] = [
        ValidationRow(name: "a plain metric", metric: Fixture.metric(), problem: nil),
        ValidationRow(
            name: "count > 1 without interval",
            metric: Fixture.metric(count: 2),
            problem: "interval must be specified when count > 1"
        ),
        ValidationRow(
            name: "count below failureLimit + consecutiveSuccessLimit",
            metric: Fixture.metric(interval: "1s", count: 3, failureLimit: 2, consecutiveSuccessLimit: 2),
            problem: "count (3) must be >= failureLimit + consecutiveSuccessLimit (2 + 2) if both >= 0"
        ),
        ValidationRow(
            name: "both limits disabled",
            metric: Fixture.metric(failureLimit: -1),
            problem: "failureLimit and consecutiveSuccessLimit cannot both be disabled"
        ),
        ValidationRow(
            name: "failureLimit below -1",
            metric: Fixture.metric(failureLimit: -2),
            problem: "failureLimit must be >= 0, or -1 to be disabled"
        ),
        ValidationRow(
            name: "negative consecutiveSuccessLimit",
            metric: Fixture.metric(consecutiveSuccessLimit: -1),
            problem: "consecutiveSuccessLimit must be >= 0"
        ),
        ValidationRow(
            name: "negative inconclusiveLimit",
            metric: Fixture.metric(inconclusiveLimit: -1),
            problem: "inconclusiveLimit must be >= 0"
        ),
        ValidationRow(
            name: "negative consecutiveErrorLimit",
            metric: Fixture.metric(consecutiveErrorLimit: -1),
            problem: "consecutiveErrorLimit must be >= 0"
        ),
        ValidationRow(
            name: "count below inconclusiveLimit",
            metric: Fixture.metric(interval: "1s", count: 2, inconclusiveLimit: 3),
            problem: "count must be >= inconclusiveLimit"
        ),
        ValidationRow(
            name: "count below consecutiveSuccessLimit with failures disabled",
            metric: Fixture.metric(interval: "1s", count: 2, failureLimit: -1, consecutiveSuccessLimit: 3),
            problem: "count must be >= consecutiveSuccessLimit"
        ),
        ValidationRow(
            name: "an interval that is not a duration",
            metric: Fixture.metric(interval: "soon"),
            problem: "invalid interval string: invalid duration \"soon\": expected a number at \"soon\""
        ),
        ValidationRow(
            name: "no provider",
            metric: Metric(name: "m"),
            problem: "no provider specified"
        ),
        ValidationRow(
            name: "two providers",
            metric: Metric(
                name: "m",
                provider: MetricProvider(prometheus: PrometheusMetric(query: "up"), web: WebMetric(url: "http://x"))
            ),
            problem: "multiple providers specified"
        ),
    ]

    @Test(arguments: validation) func validatesMetrics(_ row: ValidationRow) {
        #expect(MetricValidation.problem(with: row.metric) == row.problem)
        do {
            try MetricValidation.validate([Fixture.metric("first"), row.metric])
            #expect(row.problem == nil)
        } catch {
            #expect(error.message == "metrics[1] '\(row.metric.name)': \(row.problem ?? "")")
        }
    }

    @Test func duplicateNamesAndEmptyRunsAreInvalid() {
        #expect(throws: AnalysisSpecError("metrics[1]: duplicate name 'm'")) {
            try MetricValidation.validate([Fixture.metric(), Fixture.metric()])
        }
        #expect(throws: AnalysisSpecError("no metrics specified")) { try MetricValidation.validate([]) }
    }

    @Test func aRunSpecificationResolvesValidatesAndParses() throws {
        var metric = Fixture.metric("rate", interval: "{{args.interval}}", count: 2, success: "result > {{args.min}}")
        metric.provider.web?.headers = [WebMetricHeader(key: "Authorization", value: "Bearer {{ args.token }}")]
        let run = Fixture.run(
            [metric, Fixture.metric("dry")],
            dryRun: ["^d"],
            args: [
                AnalysisArgument(name: "path", value: "health"),
                AnalysisArgument(name: "interval", value: "5s"),
                AnalysisArgument(name: "min", value: "0.9"),
                AnalysisArgument(
                    name: "token",
                    valueFrom: AnalysisArgumentValueFrom(secretKeyRef: SecretKeyRef(name: "s", key: "k"))
                ),
            ]
        )
        let specification = try RunSpecification(run)
        #expect(specification.metrics == run.spec.metrics)
        #expect(specification.resolved[0].interval == "5s")
        #expect(specification.resolved[0].successCondition == "result > 0.9")
        #expect(specification.resolved[0].provider.web?.url == "http://example.test/health")
        #expect(specification.resolved[0].provider.web?.headers?.first?.value == "Bearer temp-for-secret")
        #expect(specification.dryRun == ["dry"])
        #expect(specification.retention == [:])
    }

    struct InvalidRow: Sendable, CustomTestStringConvertible {
        var name: String
        var run: AnalysisRun
        var message: String
        var testDescription: String { name }
    }

    static let invalid: [InvalidRow] = [
        InvalidRow(
            name: "an argument without a value",
            run: Fixture.run([Fixture.metric()], args: [AnalysisArgument(name: "path")]),
            message: "Unable to resolve metric arguments: argument \"path\" was not supplied"
        ),
        InvalidRow(
            name: "a placeholder naming no argument",
            run: Fixture.run([Fixture.metric(success: "result > {{args.missing}}")]),
            message: "Unable to resolve metric arguments: failed to resolve {{args.missing}}"
        ),
        InvalidRow(
            name: "a condition that does not parse names the metric and the column",
            run: Fixture.run([Fixture.metric("ok"), Fixture.metric("rate", success: "result[0] 10.000000")]),
            message:
                "Analysis spec invalid: metrics[1] 'rate': successCondition \"result[0] 10.000000\": unexpected token Number(\"10.000000\") at column 11"
        ),
        InvalidRow(
            name: "an unknown name in a failure condition",
            run: Fixture.run([Fixture.metric("rate", failure: "reslt > 1")]),
            message:
                "Analysis spec invalid: metrics[0] 'rate': failureCondition \"reslt > 1\": unknown name reslt at column 1"
        ),
        InvalidRow(
            name: "a dry-run rule matching nothing",
            run: Fixture.run([Fixture.metric()], dryRun: ["other"]),
            message: "Analysis spec invalid: dryRun[0]: Rule didn't match any metric name(s)"
        ),
        InvalidRow(
            name: "an invalid metric",
            run: Fixture.run([Fixture.metric("a"), Fixture.metric("b", count: 3)]),
            message: "Analysis spec invalid: metrics[1] 'b': interval must be specified when count > 1"
        ),
        InvalidRow(
            name: "a retention rule matching nothing",
            run: {
                var run = Fixture.run([Fixture.metric()])
                run.spec.measurementRetention = [MeasurementRetention(metricName: "x", limit: 3)]
                return run
            }(),
            message: "Analysis spec invalid: measurementRetention[0]: Rule didn't match any metric name(s)"
        ),
    ]

    @Test(arguments: invalid) func rejectsInvalidRuns(_ row: InvalidRow) {
        #expect(throws: RunSpecification.Invalid(message: row.message)) { try RunSpecification(row.run) }
    }

    @Test(arguments: [
        ("*", ["a", "b", "ab"]), (".*", ["a", "b", "ab"]), ("^a", ["a", "ab"]), ("b", ["b", "ab"]), ("^b$", ["b"]),
    ])
    func dryRunRulesArePatterns(_ pattern: String, _ matched: [String]) throws {
        let metrics = ["a", "b", "ab"].map { Fixture.metric($0) }
        #expect(try MetricValidation.dryRunMetrics([DryRun(metricName: pattern)], metrics: metrics) == Set(matched))
    }

    @Test func secretsAreReadAndRedacted() throws {
        let run = Fixture.run(
            [Fixture.metric()],
            args: [
                AnalysisArgument(name: "path", value: "x"),
                AnalysisArgument(
                    name: "token",
                    valueFrom: AnalysisArgumentValueFrom(secretKeyRef: SecretKeyRef(name: "creds", key: "token"))
                ),
                AnalysisArgument(
                    name: "me",
                    valueFrom: AnalysisArgumentValueFrom(fieldRef: FieldRef(fieldPath: "metadata.name"))
                ),
            ]
        )
        let arguments = try RunArguments.resolve(run) { reference throws(AnalysisSpecError) in
            guard reference == SecretKeyRef(name: "creds", key: "token") else { throw AnalysisSpecError("no") }
            return "s3cr3t"
        }
        #expect(arguments.arguments.map(\.value) == ["x", "s3cr3t", "run"])
        #expect(arguments.redact("401 for token s3cr3t at s3cr3t.example") == "401 for token ***** at *****.example")
        #expect(throws: AnalysisSpecError("key 'token' does not exist in secret 'creds'")) {
            _ = try RunArguments.resolve(run) { reference throws(AnalysisSpecError) in
                throw AnalysisSpecError("key '\(reference.key)' does not exist in secret '\(reference.name)'")
            }
        }
    }

    @Test func substitutionReachesEveryProviderField() throws {
        let template = try YAMLDocuments.parseSingle(
            """
            name: job
            count: "{{args.count}}"
            provider:
              job:
                metadata: {labels: {app: "{{args.app}}"}}
                spec:
                  template:
                    spec:
                      containers:
                      - {name: c, image: "{{ args.image }}", args: ["sleep {{args.seconds}} && exit 0"]}
            """
        )
        let metric = try KubeJSON.decode(Metric.self, from: template)
        let resolved = try AnalysisArguments.resolve(
            metric,
            with: ["count": "2", "app": "shop", "image": "busybox:1", "seconds": "3"].map {
                AnalysisArgument(name: $0.key, value: $0.value)
            }
        )
        #expect(resolved.countValue == 2)
        #expect(resolved.provider.job?.metadata?.labels == ["app": "shop"])
        let container = resolved.provider.job?.spec[path: "template", "spec", "containers"]?[0]
        #expect(container?["image"] == "busybox:1")
        #expect(container?["args"]?[0] == "sleep 3 && exit 0")
        // Quotes and newlines in values stay text.
        let quoted = try AnalysisArguments.resolve(
            Fixture.metric(success: "result == '{{args.path}}'"),
            with: [AnalysisArgument(name: "path", value: "a\"b\nc")]
        )
        #expect(quoted.provider.web?.url == "http://example.test/a\"b\nc")
    }

    @Test func templatesAreCollectedFlattenedAndMadeIntoARun() throws {
        let base = AnalysisTemplate(
            metadata: ObjectMeta(name: "base"),
            spec: AnalysisTemplateSpec(
                metrics: [Fixture.metric("a")],
                args: [AnalysisArgument(name: "path"), AnalysisArgument(name: "region", value: "eu")],
                templates: [AnalysisTemplateRef(templateName: "shared", clusterScope: true)]
            )
        )
        let shared = ClusterAnalysisTemplate(
            metadata: ObjectMeta(name: "shared"),
            spec: AnalysisTemplateSpec(
                metrics: [Fixture.metric("b")],
                args: [AnalysisArgument(name: "path")],
                dryRun: [DryRun(metricName: "b")],
                templates: [AnalysisTemplateRef(templateName: "base")]
            )
        )
        let set = try AnalysisTemplateSet.collect(
            [AnalysisTemplateRef(templateName: "base"), AnalysisTemplateRef(templateName: "base")],
            template: { $0 == "base" ? base : nil },
            clusterTemplate: { $0 == "shared" ? shared : nil }
        )
        #expect(set.templates.map(\.metadata.name) == ["base"])
        #expect(set.clusterTemplates.map(\.metadata.name) == ["shared"])
        let owner = OwnerReference(
            apiVersion: "argoproj.io/v1alpha1",
            kind: "Rollout",
            name: "shop",
            uid: "u1",
            controller: true
        )
        let run = try set.makeRun(
            name: AnalysisRunLabels.runName(rollout: "shop", podHash: "6b9f", revision: "3", type: .step, stepIndex: 2),
            namespace: "default",
            arguments: [
                AnalysisArgument(name: "path", value: "/health"), AnalysisArgument(name: "unused", value: "x"),
            ],
            labels: AnalysisRunLabels.labels(type: .step, podHash: "6b9f", stepIndex: 2),
            annotations: [AnalysisRunLabels.revisionAnnotation: "3"],
            owner: owner
        )
        #expect(run.metadata.name == "shop-6b9f-3-2")
        #expect(
            run.metadata.labels == ["rollouts-pod-template-hash": "6b9f", "rollout-type": "Step", "step-index": "2"]
        )
        #expect(run.metadata.ownerReferences == [owner])
        #expect(run.spec.metrics.map(\.name) == ["a", "b"])
        #expect(
            run.spec.args == [
                AnalysisArgument(name: "path", value: "/health"), AnalysisArgument(name: "region", value: "eu"),
            ]
        )
        #expect(run.spec.dryRun == [DryRun(metricName: "b")])
        #expect(throws: AnalysisSpecError("args.path was not resolved")) {
            try set.makeRun(name: "r", namespace: "default", arguments: [])
        }
        #expect(throws: AnalysisSpecError("ClusterAnalysisTemplate 'missing' not found")) {
            try AnalysisTemplateSet.collect(
                [AnalysisTemplateRef(templateName: "missing", clusterScope: true)],
                template: { _ in nil },
                clusterTemplate: { _ in nil }
            )
        }
    }

    @Test func flatteningRejectsConflicts() {
        func template(_ name: String, metric: String, arg: String?) -> AnalysisTemplate {
            AnalysisTemplate(
                metadata: ObjectMeta(name: name),
                spec: AnalysisTemplateSpec(
                    metrics: [Fixture.metric(metric)],
                    args: [AnalysisArgument(name: "x", value: arg)]
                )
            )
        }
        #expect(throws: AnalysisSpecError("two metrics have the same name 'm'")) {
            try AnalysisTemplateSet(templates: [
                template("a", metric: "m", arg: nil), template("b", metric: "m", arg: nil),
            ]).flattened()
        }
        #expect(throws: AnalysisSpecError("Argument `x` specified multiple times with different values: '1', '2'")) {
            try AnalysisTemplateSet(templates: [
                template("a", metric: "m", arg: "1"), template("b", metric: "n", arg: "2"),
            ]).flattened()
        }
        let agreeing = try? AnalysisTemplateSet(templates: [
            template("a", metric: "m", arg: nil), template("b", metric: "n", arg: "2"),
        ])
        .flattened()
        #expect(agreeing?.args == [AnalysisArgument(name: "x", value: "2")])
    }

    @Test(arguments: [
        ("metadata.name", "shop"), ("metadata.namespace", "prod"), ("metadata.labels['app']", "web"),
        ("metadata.annotations[\"team\"]", "payments"), ("metadata.labels['missing']", ""),
        ("spec.template.spec.containers[0].image", "shop:2"), ("spec.replicas", "5"), ("spec.paused", "false"),
    ])
    func fieldPathsReadObjects(_ path: String, _ value: String) throws {
        #expect(try FieldPath.value(at: path, in: Self.rollout, kind: "rollout") == value)
    }

    @Test(arguments: [
        ("spec.template.spec.containers[3].image", "index 3 out of range"),
        ("spec.template.spec.containers[x].image", "invalid index 'x'"),
        ("spec.nothing", "invalid path spec.nothing in rollout"),
        ("spec.template", "path spec.template in rollout must terminate in a primitive value"),
        ("metadata.generation", "unsupported fieldPath: metadata.generation"),
    ])
    func fieldPathErrorsSayWhy(_ path: String, _ message: String) {
        #expect(throws: AnalysisSpecError(message)) { try FieldPath.value(at: path, in: Self.rollout, kind: "rollout") }
    }

    static let rollout = try! YAMLDocuments.parseSingle(
        """
        metadata: {name: shop, namespace: prod, labels: {app: web}, annotations: {team: payments}}
        spec:
          replicas: 5
          paused: false
          template: {spec: {containers: [{name: app, image: "shop:2"}]}}
        """
    )
}
