"""URLs of sozialraum.consultations under /<office_slug>/fallberatung/ (namespace
"consultations"): the consultations and their conversation (`urls_cases`), the guard's
vocabulary and check (`urls_guard`)."""

from sozialraum.consultations import urls_cases, urls_guard

app_name = "consultations"

urlpatterns = [*urls_cases.urlpatterns, *urls_guard.urlpatterns]
