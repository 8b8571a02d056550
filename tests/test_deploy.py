"""The deployment files: Kubernetes manifests and compose.yaml checked against their published schemas
(offline: kubernetes-validate and check-jsonschema ship them) and against each other, and the nginx template
as compose fills it in, checked by nginx itself; and the helpers that start, health-check and stop the local
processes (deploy/processes.py). No cluster and no Docker engine are needed.
"""

from __future__ import annotations

import copy
import doctest
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml
from kubernetes_validate import utils as kv

from deploy import processes, serve_lb
from deploy.processes import ServerFailed, free_port, stop_process, wait_until_healthy
from deploy.serve_lb import PLACEHOLDERS, TEMPLATE, Nginx, nginx_binary, render

pytestmark = pytest.mark.slow  # (left out by make test-fast)

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
K8S_VERSIONS = ["1.29.0", kv.latest_version()]  # an older cluster a college may still run, and the newest


def manifests() -> dict[str, list[dict]]:
    return {
        p.name: [d for d in yaml.safe_load_all(p.read_text()) if d]
        for p in sorted(K8S.glob("*.yaml"))
        if p.name != "kustomization.yaml"
    }


def resource(kind: str) -> dict:
    found = [d for docs in manifests().values() for d in docs if d["kind"] == kind]
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


def k8s_errors(doc: dict, version: str) -> str | None:
    try:
        kv.validate(doc, version, strict=True)
    except kv.ValidationError as exc:
        return str(exc)[:500]
    return None


# ------------------------------------------------------------------------------------------ Kubernetes
@pytest.mark.parametrize("version", K8S_VERSIONS)
def test_every_manifest_is_valid_for_kubernetes(version):
    docs = manifests()
    assert set(docs) >= {"deployment.yaml", "service.yaml", "ingress.yaml", "hpa.yaml"}
    for name, items in docs.items():
        for doc in items:
            assert k8s_errors(doc, version) is None, (name, doc["kind"], k8s_errors(doc, version))


def test_the_validator_rejects_a_broken_manifest():
    """The schema check has teeth: a misspelt field, a wrong type and a missing field are each caught."""
    good = resource("Deployment")
    assert k8s_errors(good, K8S_VERSIONS[-1]) is None
    typo = copy.deepcopy(good)
    c = typo["spec"]["template"]["spec"]["containers"][0]
    c["readinessProbes"] = c.pop("readinessProbe")
    wrong_type = copy.deepcopy(good)
    wrong_type["spec"]["replicas"] = "two"
    missing = copy.deepcopy(good)
    del missing["spec"]["selector"]
    for bad in (typo, wrong_type, missing):
        assert k8s_errors(bad, K8S_VERSIONS[-1]) is not None


def test_deployment_probes_ask_the_health_endpoint_on_the_image_port():
    dep = resource("Deployment")
    pod = dep["spec"]["template"]["spec"]
    (c,) = pod["containers"]
    ports = {p["name"]: p["containerPort"] for p in c["ports"]}
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert ports["http"] == 8501 and "EXPOSE 8501" in dockerfile
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        get = c[probe]["httpGet"]
        assert get["path"] == "/_stcore/health" and get["port"] in ("http", 8501), probe
    assert c["livenessProbe"]["periodSeconds"] >= c["readinessProbe"]["periodSeconds"]
    # The image's user, never root; a memory limit and a CPU request (the autoscaler needs it).
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert f"--uid {pod['securityContext']['runAsUser']}" in dockerfile
    assert c["resources"]["requests"]["cpu"] and c["resources"]["limits"]["memory"]
    assert dep["spec"]["selector"]["matchLabels"].items() <= dep["spec"]["template"]["metadata"]["labels"].items()


def test_service_ingress_autoscaler_and_budget_point_at_the_deployment():
    dep, svc, ing, hpa, pdb = (
        resource(k) for k in ("Deployment", "Service", "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget")
    )
    labels = dep["spec"]["template"]["metadata"]["labels"]
    assert svc["spec"]["selector"].items() <= labels.items()
    assert pdb["spec"]["selector"]["matchLabels"].items() <= labels.items()
    container_ports = {p["name"] for p in dep["spec"]["template"]["spec"]["containers"][0]["ports"]}
    assert {p["targetPort"] for p in svc["spec"]["ports"]} <= container_ports
    backends = [p["backend"]["service"] for r in ing["spec"]["rules"] for p in r["http"]["paths"]]
    assert backends and all(b["name"] == svc["metadata"]["name"] for b in backends)
    assert all(b["port"]["name"] in {p["name"] for p in svc["spec"]["ports"]} for b in backends)
    target = hpa["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", dep["metadata"]["name"])
    assert 2 <= hpa["spec"]["minReplicas"] < hpa["spec"]["maxReplicas"]
    namespaces = {d["metadata"].get("namespace") for docs in manifests().values() for d in docs if d["kind"] != "Namespace"}
    assert namespaces == {resource("Namespace")["metadata"]["name"]}


def test_ingress_sticks_sessions_by_cookie_and_keeps_websockets_open():
    a = resource("Ingress")["metadata"]["annotations"]
    p = "nginx.ingress.kubernetes.io/"
    assert a[p + "affinity"] == "cookie" and a[p + "session-cookie-name"]
    assert int(a[p + "proxy-read-timeout"]) >= 3600 and int(a[p + "proxy-send-timeout"]) >= 3600
    assert a[p + "proxy-body-size"] == "3m"
    headers = resource("ConfigMap")["data"]
    assert headers["Content-Security-Policy"].startswith("frame-ancestors 'self'")


def test_kustomization_lists_every_manifest():
    k = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    assert sorted(k["resources"]) == sorted(manifests())
    assert [i["name"] for i in k["images"]] == ["pathway-explorer"]
    assert resource("Deployment")["spec"]["template"]["spec"]["containers"][0]["image"].startswith("pathway-explorer:")


# ------------------------------------------------------------------------------------------ compose
def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def compose_errors(doc: dict) -> list[str]:
    """Errors against the Compose Specification's schema (as vendored by check-jsonschema)."""
    schema = json.loads(resources.files("check_jsonschema.builtin_schemas.vendor").joinpath("compose-spec.json").read_text())
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


def test_compose_file_is_valid_for_the_compose_specification():
    assert compose_errors(compose()) == []


def test_the_compose_schema_rejects_a_broken_file():
    bad_key = compose()
    bad_key["services"]["app1"]["imgae"] = "pathway-explorer:latest"
    bad_type = compose()
    bad_type["services"]["nginx"]["depends_on"]["app1"]["condition"] = "whenever"
    bad_ports = compose()
    bad_ports["services"]["nginx"]["ports"] = {"8080": 8080}
    for bad in (bad_key, bad_type, bad_ports):
        assert compose_errors(bad), bad


def test_compose_nginx_balances_every_app_replica_once_they_are_healthy():
    doc = compose()
    services = doc["services"]
    apps = sorted(n for n in services if n != "nginx")
    assert len(apps) >= 2
    env = services["nginx"]["environment"]
    assert set(PLACEHOLDERS) <= set(env)
    assert sorted(re.findall(r"server (\w+):8501 ", env["EXPLORER_SERVERS"])) == apps
    assert {n: d["condition"] for n, d in services["nginx"]["depends_on"].items()} == dict.fromkeys(apps, "service_healthy")
    for name in apps:
        svc = services[name]
        assert (DEPLOY / svc["build"]["context"] / svc["build"]["dockerfile"]).is_file()
        assert "/_stcore/health" in " ".join(svc["healthcheck"]["test"])
    mounts = services["nginx"]["volumes"]
    host, target = mounts[0].split(":")[:2]
    assert (DEPLOY / host).resolve() == TEMPLATE and target.startswith("/etc/nginx/templates/")
    assert env["SHOW_UPSTREAM"] == "off"  # internal addresses stay private in production
    assert services["nginx"]["ports"][0].endswith(":" + env["EXPLORER_LISTEN"])


# ------------------------------------------------------------------------------------------ nginx itself
needs_nginx = pytest.mark.skipif(
    nginx_binary() is None and not os.environ.get("CI"),
    reason="nginx is not installed (run `make nginx`, which `make test` does)",
)


def compose_filled_template() -> str:
    """The template as the nginx image's envsubst fills it from compose.yaml (app hosts as 127.0.0.1 for nginx -t)."""
    env = compose()["services"]["nginx"]["environment"]
    env = {k: re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", str(v)) for k, v in env.items()}  # compose's defaults
    text = TEMPLATE.read_text()
    for k, v in env.items():
        text = text.replace("${" + k + "}", v)
    assert not re.findall(r"\$\{\w+\}", text)
    return re.sub(r"server app\d+:", "server 127.0.0.1:", text)


@needs_nginx
def test_nginx_accepts_the_template_as_compose_fills_it(tmp_path):
    n = Nginx(["127.0.0.1:1"])
    try:
        (n.folder / "explorer.conf").write_text(compose_filled_template())
        assert "test is successful" in n.check()
        (n.folder / "explorer.conf").write_text(compose_filled_template().replace("keepalive 16;", "keepalive;"))
        with pytest.raises(RuntimeError):
            n.check()
    finally:
        n.stop()


class _Hello(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the stdlib's name
        body = b"hello"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@needs_nginx
def test_production_settings_hide_the_upstream_and_send_a_cross_site_cookie():
    backend = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hello)
    threading.Thread(target=backend.serve_forever, daemon=True).start()
    n = Nginx(
        [f"127.0.0.1:{backend.server_port}"],
        frame_ancestors="https://a.example.ac.uk https://b.example.ac.uk",
        cookie_flags="SameSite=None; Secure; Partitioned",
        show_upstream=False,
    )
    try:
        n.start()
        with urllib.request.urlopen(n.url + "/", timeout=10) as resp:
            assert resp.read() == b"hello"
            h = resp.headers
        assert "X-Upstream" not in h
        assert h["Content-Security-Policy"] == "frame-ancestors 'self' https://a.example.ac.uk https://b.example.ac.uk"
        (cookie,) = [c for c in h.get_all("Set-Cookie") if c.startswith("explorer_route=")]
        assert re.fullmatch(r"explorer_route=[0-9a-f]{32}; Path=/; HttpOnly; SameSite=None; Secure; Partitioned", cookie)
        # compose's health check of nginx (bash's /dev/tcp, no curl in the image) passes against it
        check = compose()["services"]["nginx"]["healthcheck"]["test"]
        assert check[:3] == ["CMD", "bash", "-c"]
        assert subprocess.run(["bash", "-c", check[3].replace("/8080", f"/{n.port}")], timeout=10).returncode == 0
    finally:
        n.stop()
        backend.shutdown()


def test_render_refuses_values_that_would_break_the_config():
    with pytest.raises(ValueError):
        render(["127.0.0.1:1"], frame_ancestors="https://x.example; add_header X 1")
    with pytest.raises(ValueError):
        render([])


@pytest.mark.parametrize("module", [serve_lb, processes], ids=lambda m: m.__name__)
def test_doctests_of_the_deploy_scripts(module):
    result = doctest.testmod(module)
    assert result.attempted >= 3 and result.failed == 0


# ------------------------------------------------------------------------------------------ processes
def test_a_server_that_exits_is_reported_with_its_log(tmp_path):
    log = tmp_path / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", "import sys; sys.exit('no such page: app.py')"], stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{free_port()}/_stcore/health"
    with pytest.raises(ServerFailed) as err:
        wait_until_healthy(url, proc, timeout=30, log=log, name="the app")
    assert str(err.value).startswith(f"the app exited (code 1) before {url} answered; its log is {log}, ending:\n")
    assert str(err.value).endswith("no such page: app.py\n")


def test_a_server_that_never_answers_is_given_up_on_in_time(tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        t0 = time.monotonic()
        with pytest.raises(ServerFailed, match=r"did not answer .* healthy within 1 s; its log is .* \(empty\)"):
            wait_until_healthy(f"http://127.0.0.1:{free_port()}/", proc, timeout=1, log=tmp_path / "none.log")
        assert time.monotonic() - t0 < 10
    finally:
        stop_process(proc)
    assert proc.returncode is not None


def test_stop_process_kills_one_that_ignores_the_polite_signal():
    code = "import signal, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('ready', flush=True); time.sleep(60)"
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline() == b"ready\n"
    t0 = time.monotonic()
    stop_process(proc, timeout=0.5)
    proc.stdout.close()
    assert proc.returncode == -9 and time.monotonic() - t0 < 10
