"""/profile/evidence/: the artifacts that show each deep domain of the expert's profile."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from portfolio import services
from portfolio.evidence import artifact_choices, by_domain, deep_domains_of, evidence_of
from portfolio.forms import EvidenceForm
from portfolio.permissions import get_evidence_for


@dataclass
class DomainEvidence:
    """One deep domain on the page: its links and the form to add one."""

    index: int
    name: str
    depth: int
    links: list
    form: EvidenceForm

    @property
    def anchor(self) -> str:
        return f"evidence-{self.index}"


def _domains(request: HttpRequest, posted: str | None) -> tuple[list[DomainEvidence], list]:
    """The page's deep domains (the posted one's form bound) and the links of any others."""
    links = evidence_of(request.user)
    grouped = by_domain(links)
    choices = artifact_choices(request.user)
    domains = []
    for index, (name, depth) in enumerate(deep_domains_of(request.user)):
        domain_links = grouped.pop(name.casefold(), [])
        bound = posted is not None and posted.casefold() == name.casefold()
        form = EvidenceForm(
            request.POST if bound else None,
            owner=request.user,
            domain=name,
            choices=choices,
            linked={link.value for link in domain_links},
            index=index,
        )
        domains.append(DomainEvidence(index, name, depth, domain_links, form))
    return domains, [link for rest in grouped.values() for link in rest]


@require_http_methods(["GET", "POST"])
@login_required
def profile_evidence(request: HttpRequest) -> HttpResponse:
    posted = request.POST.get("domain", "") if request.method == "POST" else None
    domains, elsewhere = _domains(request, posted)
    form = next((domain.form for domain in domains if domain.form.is_bound), None)
    if posted is not None and form is None:
        messages.error(request, f"“{posted}” is not a deep domain of your profile.")
    elif form is not None and form.is_valid():
        try:
            evidence = services.evidence_link(
                actor=request.user,
                domain=form.cleaned_data["domain"],
                artifact=form.cleaned_data["artifact"],
            )
        except ValidationError as error:
            form.add_error("artifact", error)
        else:
            messages.success(
                request, f"“{evidence.artifact}” is now evidence for {evidence.domain}."
            )
            anchor = next(d.anchor for d in domains if d.form is form)
            return redirect(f"{reverse('profile_evidence')}#{anchor}")
    context = {"domains": domains, "elsewhere": elsewhere}
    return render(request, "portfolio/evidence.html", context)


@require_POST
@login_required
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = get_evidence_for(request.user, pk)
    title, domain = str(evidence.artifact), evidence.domain
    services.evidence_unlink(actor=request.user, evidence=evidence)
    messages.success(request, f"“{title}” is no longer evidence for {domain}.")
    return redirect("profile_evidence")
