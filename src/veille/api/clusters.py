"""Event clusters: one real event told by several documents, with its corroboration and whether
the sources contradict each other."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from ..store import clusters, queries
from .params import Conn, Pages, cluster_filter, not_found

router = APIRouter(prefix="/api/clusters", tags=["event clusters"])


@router.get("", summary="Event clusters, most corroborated first")
def list_clusters(conn: Conn, page: Pages, f: Annotated[queries.ClusterFilter, Depends(cluster_filter)]) -> dict:
    return queries.list_clusters(conn, f, limit=page.limit, offset=page.offset).to_dict()


@router.get("/{cluster_id}", summary="One cluster with its member events and their sources",
            description="The cluster's summary, its `members` (events) and `claims`: what each member event "
                        "says and who says it, side by side (`event_id`, `document_id`, `title`, `outlet`, `url`, "
                        "`published`, `source`, `claimed_by`, `modality`, `fatalities`, `event_type`, "
                        "`sub_event_type`, `actor1`, `actor2`, `place_name`, `date_start`, `date_end`).")
def get_cluster(conn: Conn, cluster_id: str) -> dict:
    cluster = queries.get_cluster(conn, cluster_id)
    if cluster is None:
        raise not_found("cluster", cluster_id)
    cluster["claims"] = clusters.claims(conn, cluster_id)
    return cluster
