import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { toApiError, type ApiError } from '../../api/client';
import type { Community, Offer } from '../../api/catalog';
import { catalogLabel } from './CatalogOptions';
import { catalogQueries } from './queries/catalog';

/** Names of offers and communities by id, for summaries ("Grant Pottery 101"). */
export interface Names {
  offer: (id: string | undefined) => string;
  community: (id: string | undefined) => string;
}

export interface Catalog {
  /** Every offer, archived ones too (a workflow may still name one). */
  offers: Offer[];
  communities: Community[];
  names: Names;
  loading: boolean;
  error: ApiError | undefined;
}

/** Offers and communities for pickers and for naming them in summaries. */
export function useCatalog(): Catalog {
  const offers = useQuery(catalogQueries.offers(true));
  const communities = useQuery(catalogQueries.communities(true));
  const offerItems = offers.data?.items;
  const communityItems = communities.data?.items;

  const names = useMemo<Names>(() => {
    const offerName = new Map((offerItems ?? []).map((o) => [o.id, catalogLabel(o)]));
    const communityName = new Map((communityItems ?? []).map((c) => [c.id, catalogLabel(c)]));
    return {
      offer: (id) => (id ? (offerName.get(id) ?? 'an offer that no longer exists') : 'any offer'),
      community: (id) => (id ? (communityName.get(id) ?? 'a community that no longer exists') : 'a community'),
    };
  }, [offerItems, communityItems]);

  const error = offers.error ?? communities.error;
  return {
    offers: offerItems ?? [],
    communities: communityItems ?? [],
    names,
    loading: offers.isPending || communities.isPending,
    error: error ? toApiError(error) : undefined,
  };
}
