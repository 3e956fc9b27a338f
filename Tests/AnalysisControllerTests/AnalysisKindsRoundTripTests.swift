import KubeAPI
import Testing

/// The analysis kinds read every field of the incumbent's example manifests (re-expressed here)
/// and write them back unchanged, fields of future versions included.
@Suite struct AnalysisKindsRoundTripTests {
    /// A Prometheus success-rate template with arguments, as in the incumbent's analysis guide.
    static let prometheusTemplate = """
        apiVersion: argoproj.io/v1alpha1
        kind: AnalysisTemplate
        metadata:
          name: success-rate
          namespace: shop
        spec:
          args:
          - name: service-name
          - name: prometheus-port
            value: "9090"
          - name: api-token
            valueFrom:
              secretKeyRef: {name: token-secret, key: apiToken}
          - name: canary-hash
            valueFrom:
              fieldRef: {fieldPath: "metadata.labels['rollouts-pod-template-hash']"}
          metrics:
          - name: success-rate
            interval: 5m
            initialDelay: 30s
            count: "{{args.count}}"
            successCondition: result[0] >= 0.95
            failureCondition: result[0] < 0.50
            failureLimit: 3
            inconclusiveLimit: 2
            consecutiveErrorLimit: 6
            consecutiveSuccessLimit: 0
            futureMetricField: yes-please
            provider:
              prometheus:
                address: http://prometheus.example.com:{{args.prometheus-port}}
                timeout: 40
                insecure: true
                headers:
                - {key: X-Scope-OrgID, value: tenant-a}
                authentication:
                  basicAuth: {username: grafana, password: "{{args.api-token}}"}
                  sigv4: {region: us-east-1, profile: default, roleArn: "arn:aws:iam::1:role/x"}
                  oauth2: {tokenUrl: "https://auth/token", clientId: id, clientSecret: s, scopes: [read]}
                rangeQuery: {start: 'now() - duration("5m")', end: now(), step: 1m}
                query: |
                  sum(irate(istio_requests_total{reporter="source",destination_service=~"{{args.service-name}}",response_code!~"5.*"}[5m])) /
                  sum(irate(istio_requests_total{reporter="source",destination_service=~"{{args.service-name}}"}[5m]))
          dryRun:
          - metricName: .*
          measurementRetention:
          - {metricName: success-rate, limit: 20}
          templates:
          - templateName: base
          - {templateName: shared, clusterScope: true}
        """

    /// A web metric with a JSON body and a JSON path, and a job metric, in a ClusterAnalysisTemplate.
    static let clusterTemplate = """
        apiVersion: argoproj.io/v1alpha1
        kind: ClusterAnalysisTemplate
        metadata:
          name: checks
        spec:
          metrics:
          - name: webmetric
            successCondition: "result.ok && result.successPercent >= 0.90"
            provider:
              web:
                method: POST
                url: "http://my-server.com/api/v1/measurement?service={{ args.service-name }}"
                timeoutSeconds: 20
                jsonPath: "{$.data}"
                insecure: false
                headers:
                - {key: Authorization, value: "Bearer {{ args.api-token }}"}
                jsonBody:
                  service: "{{ args.service-name }}"
                  nested: {list: [1, 2.50, true, null]}
          - name: smoke
            count: 2
            interval: 5s
            failureLimit: 1
            provider:
              job:
                metadata:
                  labels: {team: qa}
                  annotations: {note: smoke}
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - {name: sleep, image: "alpine:3.8", command: [sh, -c], args: [exit 0]}
          - name: dd
            provider:
              datadog: {apiVersion: v2, interval: 5m, queries: {a: "sum:requests.errors{*}"}, formula: a, aggregator: avg}
          - name: nr
            provider:
              newRelic: {profile: nr, query: "SELECT count(*) FROM Transaction", timeout: 10}
          - name: plugin
            provider:
              plugin:
                argoproj-labs/sample: {address: http://x}
        """

    /// A run as the controller leaves it: terminated, with a ttl and a full status.
    static let run = """
        apiVersion: argoproj.io/v1alpha1
        kind: AnalysisRun
        metadata:
          name: shop-6b9f7c5d4-3-2
          namespace: shop
          labels: {rollouts-pod-template-hash: 6b9f7c5d4, rollout-type: Step, step-index: "2"}
          annotations: {rollout.argoproj.io/revision: "3"}
        spec:
          terminate: true
          ttlStrategy: {secondsAfterCompletion: 60, secondsAfterFailure: 600, secondsAfterSuccess: 30}
          args:
          - {name: service-name, value: shop-canary}
          metrics:
          - name: success-rate
            interval: 1s
            count: 3
            successCondition: result[0] >= 0.95
            provider:
              prometheus: {address: "http://prometheus:9090", query: "up"}
        status:
          phase: Successful
          message: Run Terminated
          startedAt: "2024-05-01T10:00:00Z"
          completedAt: "2024-05-01T10:00:03Z"
          runSummary: {count: 1, successful: 1}
          dryRunSummary: {}
          metricResults:
          - name: success-rate
            phase: Successful
            count: 3
            successful: 2
            inconclusive: 1
            error: 1
            consecutiveError: 0
            consecutiveSuccess: 1
            dryRun: false
            message: ok
            metadata: {ResolvedPrometheusQuery: up}
            measurements:
            - phase: Successful
              value: "[0.97]"
              startedAt: "2024-05-01T10:00:00Z"
              finishedAt: "2024-05-01T10:00:00Z"
            - phase: Running
              startedAt: "2024-05-01T10:00:01Z"
              resumeAt: "2024-05-01T10:00:02Z"
              metadata: {job-name: abc.success-rate.2, job-namespace: shop}
              futureMeasurementField: 1
        """

    static func roundTrip<T: Codable & Equatable>(_ type: T.Type, _ yaml: String) throws -> T {
        let input = try YAMLDocuments.parseSingle(yaml)
        let decoded = try KubeJSON.decode(type, from: input)
        #expect(try KubeJSON.encodeValue(decoded) == input)
        return decoded
    }

    @Test func prometheusTemplateRoundTrips() throws {
        let template = try Self.roundTrip(AnalysisTemplate.self, Self.prometheusTemplate)
        let metric = try #require(template.spec.metrics?.first)
        #expect(metric.interval == "5m")
        #expect(metric.count == .string("{{args.count}}"))
        #expect(metric.failureLimitValue == 3)
        #expect(metric.inconclusiveLimitValue == 2)
        #expect(metric.consecutiveErrorLimitValue == 6)
        #expect(metric.unknownFields["futureMetricField"] == "yes-please")
        let prometheus = try #require(metric.provider.prometheus)
        #expect(prometheus.timeout == 40)
        #expect(prometheus.headers == [WebMetricHeader(key: "X-Scope-OrgID", value: "tenant-a")])
        #expect(prometheus.authentication?.basicAuth?.username == "grafana")
        #expect(prometheus.authentication?.oauth2?.scopes == ["read"])
        #expect(prometheus.rangeQuery?.step == "1m")
        #expect(template.spec.args?.count == 4)
        #expect(template.spec.args?[2].valueFrom?.secretKeyRef == SecretKeyRef(name: "token-secret", key: "apiToken"))
        #expect(
            template.spec.args?[3].valueFrom?.fieldRef?.fieldPath == "metadata.labels['rollouts-pod-template-hash']"
        )
        #expect(template.spec.dryRun == [DryRun(metricName: ".*")])
        #expect(template.spec.measurementRetention == [MeasurementRetention(metricName: "success-rate", limit: 20)])
        #expect(template.spec.templates?.last?.isClusterScope == true)
        #expect(metric.provider.configuredNames == ["prometheus"])
    }

    @Test func clusterTemplateWithWebJobAndOtherProvidersRoundTrips() throws {
        let template = try Self.roundTrip(ClusterAnalysisTemplate.self, Self.clusterTemplate)
        #expect(!ClusterAnalysisTemplate.resource.namespaced)
        let metrics = template.spec.metrics ?? []
        #expect(metrics.map(\.name) == ["webmetric", "smoke", "dd", "nr", "plugin"])
        let web = try #require(metrics[0].provider.web)
        #expect(web.method == "POST")
        #expect(web.jsonPath == "{$.data}")
        #expect(web.jsonBody?["nested"]?["list"]?[1] == 2.5)
        let job = try #require(metrics[1].provider.job)
        #expect(job.metadata?.labels == ["team": "qa"])
        #expect(job.spec["backoffLimit"] == 0)
        #expect(metrics[1].effectiveCount == 2)
        #expect(metrics[2].provider.datadog?.queries == ["a": "sum:requests.errors{*}"])
        #expect(metrics[3].provider.newRelic?.timeout == 10)
        #expect(
            metrics.map(\.provider.configuredNames) == [
                ["web"], ["job"], ["datadog"], ["newRelic"], ["plugin/argoproj-labs/sample"],
            ]
        )
    }

    @Test func runWithStatusRoundTrips() throws {
        let run = try Self.roundTrip(AnalysisRun.self, Self.run)
        #expect(run.spec.terminate == true)
        #expect(run.spec.ttlStrategy?.secondsAfterFailure == 600)
        let status = try #require(run.status)
        #expect(status.phase == .successful)
        #expect(status.phase?.isCompleted == true)
        #expect(status.runSummary == RunSummary(count: 1, successful: 1))
        let result = try #require(status.result(named: "success-rate"))
        #expect(result.inconclusive == 1)
        #expect(result.metadata?["ResolvedPrometheusQuery"] == "up")
        #expect(result.measurements?.first?.value == "[0.97]")
        #expect(result.lastMeasurement?.phase == .running)
        #expect(result.lastMeasurement?.resumeAt == KubeTime(rfc3339: "2024-05-01T10:00:02Z"))
        #expect(result.lastMeasurement?.unknownFields["futureMeasurementField"] == 1)
        // Readers that show runs generically see the status as JSON.
        #expect(status["phase"] == "Successful")
        #expect(status["metricResults"]?[0]?["successful"] == 2)
    }

    @Test func partialObjectsAreWrittenBackAsRead() throws {
        // A metric without a provider (invalid, reported as such) and a run without a spec.
        _ = try Self.roundTrip(AnalysisRun.self, "{metadata: {name: r}, spec: {metrics: [{name: m}]}}")
        let bare = try KubeJSON.decode(AnalysisRun.self, from: try YAMLDocuments.parseSingle("{metadata: {name: r}}"))
        #expect(bare.spec.metrics.isEmpty)
        let template = try KubeJSON.decode(
            AnalysisTemplate.self,
            from: try YAMLDocuments.parseSingle("{metadata: {name: t}}")
        )
        #expect(template.spec.metrics == nil)
        #expect(MetricValidation.problem(with: Metric(name: "m")) == "no provider specified")
    }

    @Test func phasesOrderFromBestToWorst() {
        let order: [AnalysisPhase] = [.successful, .running, .pending, .inconclusive, .error, .failed]
        for (index, phase) in order.enumerated() {
            for later in order[(index + 1)...] { #expect(phase.isWorse(later)) }
            #expect(!phase.isWorse(phase))
        }
        #expect(!AnalysisPhase.running.isCompleted && !AnalysisPhase.pending.isCompleted)
        #expect(AnalysisPhase(rawValue: "Future").isCompleted == false)
    }
}
