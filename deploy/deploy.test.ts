// No cluster and no Docker daemon run here, so the deployment files are checked as data: every
// Kubernetes object against the official object schemas (kubernetes-models), the references
// between them (selectors, ports, names), and the compose file's services and order.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Deployment } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { Job } from "kubernetes-models/batch/v1";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { ConfigMap, Secret, Service } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { appServerEnv, DEFAULT_MAX_HEAP_MB } from "../scripts/node-options";
import { parse, parseAllDocuments } from "yaml";

const root = path.resolve(import.meta.dirname, "..");
const k8sDir = path.join(root, "deploy/k8s");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;
const models: Record<string, new (data: Obj) => { validate(): void }> = {
  "apps/v1/Deployment": Deployment,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "batch/v1/Job": Job,
  "networking.k8s.io/v1/Ingress": Ingress,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "v1/ConfigMap": ConfigMap,
  "v1/Secret": Secret,
  "v1/Service": Service,
};

const files = readdirSync(k8sDir).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml");
const objects: (Obj & { file: string })[] = files.flatMap((file) =>
  parseAllDocuments(readFileSync(path.join(k8sDir, file), "utf8")).map((doc) => {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0]!.message}`);
    return { ...(doc.toJS() as Obj), file };
  }),
);
const find = (kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata?.name === name);
const strip = ({ file: _file, ...o }: Obj) => o;
const matches = (selector: Obj, labels: Obj) =>
  Object.entries(selector).every(([k, v]) => labels?.[k] === v);

describe("Kubernetes manifests", () => {
  it.each(objects.map((o) => [`${o.file}: ${o.kind} ${o.metadata?.name}`, o] as const))(
    "%s is a valid object",
    (_label, o) => {
      const Model = models[`${o.apiVersion}/${o.kind}`];
      expect(Model, `no schema for ${o.apiVersion} ${o.kind}`).toBeDefined();
      expect(() => new Model!(strip(o)).validate()).not.toThrow();
    },
  );

  it("the schema check is not a formality: a wrong type is refused", () => {
    const web = strip(find("Deployment", "hindsight-web")!);
    expect(() =>
      new Deployment({ ...web, spec: { ...web.spec, replicas: "two" } }).validate(),
    ).toThrow(/replicas/);
    expect(() =>
      new Deployment({ ...web, spec: { ...web.spec, selector: undefined } }).validate(),
    ).toThrow(/selector/);
  });

  it("ships every object the deployment needs", () => {
    const kinds = objects.map((o) => `${o.kind}/${o.metadata.name}`).sort();
    expect(kinds).toEqual(
      expect.arrayContaining([
        "Deployment/hindsight-web",
        "Deployment/hindsight-worker",
        "Service/hindsight-web",
        "Ingress/hindsight",
        "HorizontalPodAutoscaler/hindsight-web",
        "PodDisruptionBudget/hindsight-web",
        "Job/hindsight-migrate-0-1-0",
        "ConfigMap/hindsight-config",
        "Secret/hindsight-secrets",
      ]),
    );
    const kustomization = parse(
      readFileSync(path.join(k8sDir, "kustomization.yaml"), "utf8"),
    ) as Obj;
    for (const resource of kustomization.resources as string[]) expect(files).toContain(resource);
  });

  it("the web pods are probed on /api/ready (readiness) and /api/live (liveness, start-up: no database) on their serving port", () => {
    const web = find("Deployment", "hindsight-web")!;
    const [container] = web.spec.template.spec.containers;
    const portNames = container.ports.map((p: Obj) => p.name);
    expect(container.readinessProbe.httpGet).toEqual({ path: "/api/ready", port: "http" });
    // A database outage must not get every pod restarted: liveness and start-up never query it.
    expect(container.livenessProbe.httpGet).toEqual({ path: "/api/live", port: "http" });
    expect(container.startupProbe.httpGet).toEqual({ path: "/api/live", port: "http" });
    expect(portNames).toContain("http");
    expect(container.env).toContainEqual({ name: "WORKER", value: "off" });
    expect(web.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    expect(matches(web.spec.selector.matchLabels, web.spec.template.metadata.labels)).toBe(true);
  });

  it("service, ingress, autoscaler and disruption budget all point at the web pods", () => {
    const web = find("Deployment", "hindsight-web")!;
    const podLabels = web.spec.template.metadata.labels;
    const service = find("Service", "hindsight-web")!;
    expect(matches(service.spec.selector, podLabels)).toBe(true);
    expect(web.spec.template.spec.containers[0].ports.map((p: Obj) => p.name)).toContain(
      service.spec.ports[0].targetPort,
    );
    const backend = find("Ingress", "hindsight")!.spec.rules[0].http.paths[0].backend.service;
    expect(backend.name).toBe(service.metadata.name);
    expect(service.spec.ports.map((p: Obj) => p.name)).toContain(backend.port.name);
    const hpa = find("HorizontalPodAutoscaler", "hindsight-web")!;
    expect(hpa.spec.scaleTargetRef).toEqual({
      apiVersion: "apps/v1",
      kind: "Deployment",
      name: "hindsight-web",
    });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    const pdb = find("PodDisruptionBudget", "hindsight-web")!;
    expect(matches(pdb.spec.selector.matchLabels, podLabels)).toBe(true);
    expect(pdb.spec.minAvailable).toBeLessThan(hpa.spec.minReplicas);
  });

  it("the migration job and the worker run the tools image with the same configuration as the web pods", () => {
    const job = find("Job", "hindsight-migrate-0-1-0")!;
    const worker = find("Deployment", "hindsight-worker")!;
    const web = find("Deployment", "hindsight-web")!;
    const migrate = job.spec.template.spec.containers[0];
    expect(migrate.command).toEqual(["node", "--import", "tsx", "scripts/db/migrate.ts", "deploy"]);
    expect(job.spec.template.spec.restartPolicy).toBe("Never");
    expect(worker.spec.template.spec.containers[0].command).toEqual([
      "node",
      "--conditions=react-server",
      "--import",
      "tsx",
      "scripts/worker.ts",
    ]);
    for (const c of [migrate, worker.spec.template.spec.containers[0]]) {
      expect(c.image).toMatch(/hindsight-tools:/);
      expect(c.envFrom).toEqual(web.spec.template.spec.containers[0].envFrom);
    }
    for (const ref of web.spec.template.spec.containers[0].envFrom as Obj[]) {
      if (ref.configMapRef) expect(find("ConfigMap", ref.configMapRef.name)).toBeDefined();
      if (ref.secretRef) expect(find("Secret", ref.secretRef.name)).toBeDefined();
    }
  });
});

describe("compose.yaml", () => {
  const compose = parse(readFileSync(path.join(root, "compose.yaml"), "utf8"), {
    merge: true,
  }) as Obj;
  const services = compose.services as Obj;

  it("runs PostgreSQL, a one-shot migration, two app replicas, the worker and a TLS proxy", () => {
    expect(Object.keys(services).sort()).toEqual(["app", "db", "migrate", "proxy", "worker"]);
    expect(services.db.image).toMatch(/^postgres:\d+/);
    expect(services.migrate.restart).toBe("no");
    expect(services.migrate.command).toEqual([
      "node",
      "--import",
      "tsx",
      "scripts/db/migrate.ts",
      "deploy",
    ]);
    expect(services.app.deploy.replicas).toBe(2);
    expect(services.app.build.target).toBe("runtime");
    expect(services.worker.command).toEqual([
      "node",
      "--conditions=react-server",
      "--import",
      "tsx",
      "scripts/worker.ts",
    ]);
    expect(services.proxy.image).toMatch(/^caddy:/);
    expect(services.proxy.ports).toContain("443:443");
  });

  it("starts in order: database healthy → migrations done → app and worker", () => {
    expect(services.migrate.depends_on.db.condition).toBe("service_healthy");
    expect(services.app.depends_on.migrate.condition).toBe("service_completed_successfully");
    expect(services.worker.depends_on.migrate.condition).toBe("service_completed_successfully");
  });

  it("gives every Hindsight service the same configuration; only the worker delivers mail", () => {
    for (const name of ["migrate", "app", "worker"]) {
      expect(services[name].environment.DATABASE_URL).toMatch(/@db:5432\/hindsight$/);
      expect(services[name].environment.AUTH_SECRET).toContain("AUTH_SECRET");
    }
    expect(services.app.environment.WORKER).toBe("off");
    expect(services.worker.environment.WORKER).toBeUndefined();
  });

  it("every variable compose requires is explained in docs/deployment.md", () => {
    const text = readFileSync(path.join(root, "compose.yaml"), "utf8");
    const required = [...new Set([...text.matchAll(/\$\{([A-Z_]+):\?/g)].map((m) => m[1]!))];
    expect(required.sort()).toEqual([
      "AUTH_SECRET",
      "HINDSIGHT_DOMAIN",
      "POSTGRES_PASSWORD",
      "SMTP_URL",
    ]);
    const guide = readFileSync(path.join(root, "docs/deployment.md"), "utf8");
    for (const name of required) expect(guide).toContain(`\`${name}\``);
  });
});

describe("Dockerfile", () => {
  const dockerfile = readFileSync(path.join(root, "Dockerfile"), "utf8");

  it("builds Next's standalone server on Node 24 and runs it as a non-root user with a health check", () => {
    expect(dockerfile).toMatch(/^ARG NODE_VERSION=24\.\d+\.\d+$/m);
    expect(dockerfile).toMatch(/^RUN BUILD_STANDALONE=1 npm run build$/m);
    const runtime = dockerfile.slice(dockerfile.indexOf("AS runtime"));
    expect(runtime).toContain("COPY --from=build --chown=node:node /app/.next/standalone ./");
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n.*\/api\/live'/m);
    expect(runtime).toMatch(/^CMD \["node", "server.js"\]$/m);
    // The server runs as `npm start` runs it (scripts/node-options.ts appServerEnv).
    expect(runtime).toContain(`NODE_OPTIONS=--max-old-space-size=${DEFAULT_MAX_HEAP_MB}`);
    expect(runtime).toContain(`MALLOC_ARENA_MAX=${appServerEnv({}).MALLOC_ARENA_MAX}`);
    expect(
      dockerfile.slice(dockerfile.indexOf("AS tools"), dockerfile.indexOf("AS runtime")),
    ).toMatch(/^USER node$/m);
  });

  it("next.config.js switches to standalone output exactly when the image build asks", async () => {
    const load = async () =>
      (await import(`${path.join(root, "next.config.js")}?t=${Math.random()}`)).default as {
        output?: string;
      };
    const before = process.env.BUILD_STANDALONE;
    try {
      process.env.BUILD_STANDALONE = "1";
      expect((await load()).output).toBe("standalone");
      delete process.env.BUILD_STANDALONE;
      expect((await load()).output).toBeUndefined();
    } finally {
      if (before === undefined) delete process.env.BUILD_STANDALONE;
      else process.env.BUILD_STANDALONE = before;
    }
  });
});

describe("Grafana dashboard", () => {
  const dashboard = JSON.parse(
    readFileSync(path.join(root, "deploy/grafana-dashboard.json"), "utf8"),
  ) as Obj;

  it("charts only metrics the app exports, covering requests, queue, delivery and the database pool", async () => {
    const { metrics } = await import("../lib/metrics/registry");
    const exported = new Set((await metrics().registry.getMetricsAsJSON()).map((m) => m.name));
    const exprs: string[] = dashboard.panels.flatMap((p: Obj) => p.targets.map((t: Obj) => t.expr));
    const used = new Set(
      exprs.flatMap((e) =>
        [...e.matchAll(/\b(hindsight_[a-z0-9_]+)/g)].map((m) =>
          m[1]!.replace(/_(bucket|count|sum)$/, ""),
        ),
      ),
    );
    for (const name of used) expect(exported, name).toContain(name);
    for (const needed of [
      "hindsight_http_request_duration_seconds",
      "hindsight_email_queue_jobs",
      "hindsight_email_delivery_latency_seconds",
      "hindsight_db_pool_connections",
    ]) {
      expect(used).toContain(needed);
    }
    expect(new Set(dashboard.panels.map((p: Obj) => p.id)).size).toBe(dashboard.panels.length);
  });
});
