from django.urls import path

from sozialraum.minutes import (
    decision_views,
    document_views,
    minutes_views,
    section_views,
    task_views,
)

app_name = "minutes"

urlpatterns: list = []

# The decisions register, tasks and the minutes' documents (register helper).
urlpatterns += [
    path("beschluesse/", decision_views.decisions, name="decisions"),
    path("beschluesse.csv", decision_views.decisions_csv, name="decisions_csv"),
    path("beschluesse.xlsx", decision_views.decisions_xlsx, name="decisions_xlsx"),
    path("beschluesse/<int:pk>/", decision_views.decision, name="decision"),
    path(
        "beschluesse/<int:pk>/oeffentlich/",
        decision_views.decision_public,
        name="decision_public",
    ),
    path("aufgaben/", task_views.my_tasks, name="my_tasks"),
    path("aufgaben/<int:pk>/", task_views.task, name="task"),
    path("treffen/<int:meeting_pk>/protokoll.pdf", document_views.minutes_pdf, name="minutes_pdf"),
    path(
        "treffen/<int:meeting_pk>/protokoll.docx",
        document_views.minutes_docx,
        name="minutes_docx",
    ),
]

# --- Minutes (helper "minutes") ----------------------------------------------------------------
urlpatterns += [
    path("treffen/<int:meeting_pk>/protokoll/", minutes_views.minutes_page, name="minutes"),
    path(
        "treffen/<int:meeting_pk>/protokoll/bearbeiten/",
        minutes_views.minutes_edit,
        name="minutes_edit",
    ),
    path("protokollvorlage/", section_views.sections, name="sections"),
]
