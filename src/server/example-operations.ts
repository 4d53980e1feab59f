// What GraphiQL shows a first-time user: operations that run as they are against the seed.
export const exampleOperations = /* GraphQL */ `# ai-factory-graph: NVIDIA's 2025 Blackwell GPUs for Korea, every figure cited.
# Pick an operation with the ▶ button's menu, then run it.

query ProgramWithAllocations {
  program(slug: "korea-2025") {
    name
    nameKo
    announcedOn
    installedBaseGpus
    supplier { name }
    allocations(first: 10) {
      totalCount
      edges {
        node {
          partner { name nameKo kind }
          quantity
          bound
          status
          gpuModel { name }
        }
      }
    }
  }
}

query PartnersWithQuotes {
  partners(first: 20) {
    totalCount
    edges {
      node {
        name
        nameKo
        kind
        allocations(first: 5) {
          edges { node { quantity bound } }
        }
        citations {
          quote
          quoteKind
          source { publisher url }
        }
      }
    }
  }
}

query HyundaiAllocationAndItsSources {
  partner(slug: "hyundai-motor-group") {
    name
    allocations(first: 5) {
      edges {
        node {
          quantity
          bound
          citations { field stance quote statement source { publisher } }
        }
      }
    }
  }
}

query PagingThroughPartners($after: String) {
  partners(first: 5, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node { name } }
  }
}
`;
