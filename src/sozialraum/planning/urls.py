"""URLs of sozialraum.planning under /<office_slug>/planung/ (namespace "planning"): needs and
measures, budgets, projects; each subject keeps its patterns in its own module."""

from sozialraum.planning import urls_budgets, urls_needs, urls_projects

app_name = "planning"

urlpatterns = [*urls_needs.urlpatterns, *urls_budgets.urlpatterns, *urls_projects.urlpatterns]
