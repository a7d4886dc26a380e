"""The pre-checker's background task (django-tasks): fetching never runs in a request."""

from __future__ import annotations

from django_tasks import task


@task()
def run_precheck(run_id: str) -> dict[str, object]:
    from .services import precheck_run

    run = precheck_run(run_id)
    return {"run": str(run.pk), "state": run.state, "counts": run.counts}
