metadata description = 'Shared image gallery of the platform team, in Bicep: the gallery, one image definition per OS, and the versions the nightly pipeline publishes to every region in the list.'

@description('Name of the gallery.')
param galleryName string

@description('Where the gallery lives; versions are replicated to the replica regions too.')
param location string = 'westeurope'

@description('Regions each version is replicated to, besides its own.')
param replicaRegions string[]

@description('Set by the pipeline: Major.Minor.Patch')
param buildNumber string

param sourceImageId string

var images = [
  { name: 'ubuntu-24.04', osType: 'Linux', offer: 'ubuntu', sku: '24_04-lts-gen2' }
  { name: 'windows-2022', osType: 'Windows', offer: 'windows-server', sku: '2022-datacenter-azure-edition' }
]

resource gallery 'Microsoft.Compute/galleries@2024-03-03' = {
  name: galleryName
  location: location
  properties: {
    description: 'Golden images for every workload team'
  }
}

resource definitions 'Microsoft.Compute/galleries/images@2024-03-03' = [for image in images: {
  parent: gallery
  name: image.name
  location: location
  properties: {
    osType: image.osType
    osState: 'Generalized'
    hyperVGeneration: 'V2'
    identifier: {
      publisher: 'Contoso'
      offer: image.offer
      sku: image.sku
    }
  }
}]

resource versions 'Microsoft.Compute/galleries/images/versions@2024-03-03' = [for (image, i) in images: {
  parent: definitions[i]
  name: buildNumber
  location: location
  properties: {
    publishingProfile: {
      targetRegions: [for region in replicaRegions: {
        name: region
        regionalReplicaCount: 1
        storageAccountType: 'Standard_ZRS'
      }]
    }
    storageProfile: {
      source: {
        id: sourceImageId
      }
    }
  }
}]
