import { ROLES, type Role } from '@casetrail/access';
import { ApiProperty } from '@nestjs/swagger';

export class MeResponse {
  @ApiProperty({ example: 'police-north', description: 'The agency the caller acts for.' })
  readonly agency!: string;

  @ApiProperty({ enum: ROLES, example: 'practitioner' })
  readonly role!: Role;
}
