from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache


@login_not_required
@never_cache
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and the benchmarks' bare baseline: no database, no template."""
    return HttpResponse("ok", content_type="text/plain")
