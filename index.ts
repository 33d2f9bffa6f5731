// fargatekit: `pulumi up -s dev` runs this program. All logic lives in program/ and components/.
import { main } from "./program/main";

const out = main(__dirname);

export const url = out.url;
export const serviceName = out.serviceName;
export const clusterName = out.clusterName;
export const clusterArn = out.clusterArn;
export const logGroupName = out.logGroupName;
export const imageUri = out.imageUri;
export const taskDefinitionFamily = out.taskDefinitionFamily;
export const taskSubnetIds = out.taskSubnetIds;
export const taskSecurityGroupId = out.taskSecurityGroupId;
export const containerName = out.containerName;
export const assignPublicIp = out.assignPublicIp;
export const taskSize = out.taskSize;
